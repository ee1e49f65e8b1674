package io.modelmap.producer.corpus;

import io.modelmap.schemas.avro.TextChunk;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A corpus id's texts as already published on {@code corpus-texts}: the texts the aggregator accepted,
 * in index order (records it refused are not part of the corpus). A corpus is immutable (every model's
 * row is a vector over exactly its texts), so a different corpus under a published id is refused:
 * publish it under a new id.
 */
public final class PublishedCorpus {
  private final String corpusId;
  private final List<TextChunk> texts;

  private PublishedCorpus(String corpusId, List<TextChunk> texts) {
    this.corpusId = corpusId;
    this.texts = texts;
  }

  /** {@code corpusId}'s accepted texts, in index order (none when it is new). */
  public static PublishedCorpus of(String corpusId, List<TextChunk> accepted) {
    return new PublishedCorpus(corpusId, List.copyOf(accepted));
  }

  public boolean isEmpty() {
    return texts.isEmpty();
  }

  public List<TextChunk> texts() {
    return texts;
  }

  /** Empty when {@code corpus} is exactly what is published; otherwise the first difference, for the user. */
  public Optional<String> difference(List<CorpusText> corpus) {
    if (corpus.size() != texts.size()) {
      return Optional.of("it holds " + texts.size() + " texts, the new corpus " + corpus.size());
    }
    for (int i = 0; i < corpus.size(); i++) {
      CorpusText mine = corpus.get(i);
      TextChunk theirs = texts.get(i);
      if (!mine.textId().equals(theirs.getTextId()) || !Objects.equals(mine.text(), theirs.getText())
          || !mine.category().equals(theirs.getCategory()) || mine.byteLength() != theirs.getByteLength()) {
        return Optional.of("text " + i + " differs (published '" + theirs.getTextId() + "', new '" + mine.textId() + "')");
      }
    }
    return Optional.empty();
  }

  /** The refusal for a different corpus under this id. */
  public String conflict(String difference) {
    return "corpus '" + corpusId + "' is already published and differs: " + difference
        + "; a corpus is immutable, publish this one under a new --corpus-id";
  }
}
