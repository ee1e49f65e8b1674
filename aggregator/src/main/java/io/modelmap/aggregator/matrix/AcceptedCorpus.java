package io.modelmap.aggregator.matrix;

import io.modelmap.aggregator.ingest.TextChunkValidator;
import io.modelmap.aggregator.ingest.Validator;
import io.modelmap.schemas.avro.TextChunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The texts of one corpus as the aggregator keeps them, from {@code corpus-texts} records offered in the
 * order they were published: a record must pass {@link TextChunkValidator} and must not contradict the
 * texts before it ({@link CorpusColumns}), as in the aggregator. What a corpus id holds is what was
 * accepted, not what was sent: a record the aggregator dead-lettered is no text of the corpus, so it can
 * never make the same corpus look different when it is published again.
 */
public final class AcceptedCorpus {
  private final String corpusId;
  private final TextChunkValidator validator = new TextChunkValidator();
  private final CorpusColumns columns = new CorpusColumns();
  private final List<TextChunk> texts = new ArrayList<>();
  private int refused;

  public AcceptedCorpus(String corpusId) {
    this.corpusId = corpusId;
  }

  /** One record of the topic, with its key; records of other corpora and tombstones change nothing. */
  public void offer(String key, TextChunk text) {
    if (text == null || !corpusId.equals(text.getCorpusId())) {
      return;
    }
    Optional<Validator.Rejection> rejection;
    try {
      rejection = validator.check(key, text);
    } catch (RuntimeException e) { // the aggregator refuses what its validator throws on (rule 'invalid')
      refused++;
      return;
    }
    if (rejection.isPresent()) {
      refused++;
      return;
    }
    switch (columns.add(text.getTextId(), text.getIndex(), text.getCorpusSize())) {
      case ADDED -> texts.add(text);
      case KNOWN -> { } // the same text again: the first one stands
      case CONFLICT -> refused++;
    }
  }

  /** The accepted texts in column order. */
  public List<TextChunk> texts() {
    return texts.stream().sorted(Comparator.comparingInt(TextChunk::getIndex)).toList();
  }

  /** Records of this corpus the aggregator refuses (invalid, or contradicting the texts before them). */
  public int refused() {
    return refused;
  }
}
