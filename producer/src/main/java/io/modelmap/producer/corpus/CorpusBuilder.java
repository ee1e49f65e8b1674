package io.modelmap.producer.corpus;

import io.modelmap.formats.corpus.Document;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Chunks documents and samples N of the chunks with a seed (paper §3.1). A text's id is
 * {@code <document id>#<k>}, k the chunk's position in its document from 0 (dropped short chunks
 * keep their positions, so ids do not move when {@code minBytes} changes).
 */
public final class CorpusBuilder {
  private final CorpusSpec spec;

  public CorpusBuilder(CorpusSpec spec) {
    this.spec = spec;
  }

  /** The corpus: every kept chunk of every document, shuffled with the seed, the first {@code sample} kept. */
  public List<CorpusText> build(List<Document> documents) {
    Utf8Chunker chunker = spec.chunker();
    Set<String> seen = new HashSet<>();
    List<CorpusText> chunks = new ArrayList<>();
    for (Document doc : documents) {
      if (!seen.add(doc.id())) {
        throw new IllegalArgumentException("document id '" + doc.id() + "' appears twice; text ids <doc id>#<k> must be"
            + " unique: give each record its own \"id\" or drop the field");
      }
      for (Utf8Chunker.Chunk chunk : chunker.indexedChunks(doc.text())) {
        chunks.add(CorpusText.of(doc.id() + "#" + chunk.position(), 0, chunk.text(), doc.category()));
      }
    }
    Collections.shuffle(chunks, new Random(spec.seed()));
    List<CorpusText> sample = chunks.subList(0, Math.min(spec.sample(), chunks.size()));
    List<CorpusText> corpus = new ArrayList<>(sample.size());
    for (int i = 0; i < sample.size(); i++) {
      CorpusText c = sample.get(i);
      corpus.add(new CorpusText(c.textId(), i, c.text(), c.category(), c.byteLength()));
    }
    return corpus;
  }
}
