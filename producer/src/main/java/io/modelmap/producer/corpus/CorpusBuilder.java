package io.modelmap.producer.corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Chunks documents and samples N of the chunks with a seed (paper §3.1). */
public final class CorpusBuilder {
  private final Utf8Chunker chunker;

  public CorpusBuilder(Utf8Chunker chunker) {
    this.chunker = chunker;
  }

  /**
   * The corpus: every chunk of every document, shuffled with {@code seed}, the first {@code size}
   * kept (all when there are fewer), ids {@code t00000…} in index order.
   */
  public List<CorpusText> build(List<Document> documents, int size, long seed) {
    List<CorpusText> chunks = new ArrayList<>();
    for (Document doc : documents) {
      for (String chunk : chunker.chunks(doc.text())) {
        chunks.add(CorpusText.of("", 0, chunk, doc.category()));
      }
    }
    Collections.shuffle(chunks, new Random(seed));
    List<CorpusText> sample = chunks.subList(0, Math.min(size, chunks.size()));
    List<CorpusText> corpus = new ArrayList<>(sample.size());
    for (int i = 0; i < sample.size(); i++) {
      CorpusText c = sample.get(i);
      corpus.add(new CorpusText(String.format("t%05d", i), i, c.text(), c.category(), c.byteLength()));
    }
    return corpus;
  }
}
