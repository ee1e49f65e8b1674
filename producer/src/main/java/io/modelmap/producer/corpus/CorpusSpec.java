package io.modelmap.producer.corpus;

/**
 * How a corpus is cut from documents (paper §3.1; its defaults in {@link #paperDefaults}).
 *
 * @param chunkBytes largest chunk, UTF-8 bytes (paper: 1,024)
 * @param minBytes chunks shorter than this are dropped (paper: 256)
 * @param sample texts kept, sampled with {@code seed} (paper: 10,000); all when there are fewer
 * @param seed seed of the sample
 */
public record CorpusSpec(int chunkBytes, int minBytes, int sample, long seed) {
  public CorpusSpec {
    if (chunkBytes < 4) {
      throw new IllegalArgumentException("--chunk-bytes must be at least 4 (a UTF-8 character), not " + chunkBytes);
    }
    if (minBytes < 1 || minBytes > chunkBytes) {
      throw new IllegalArgumentException("--min-bytes must be between 1 and --chunk-bytes (" + chunkBytes + "), not "
          + minBytes);
    }
    if (sample < 1) {
      throw new IllegalArgumentException("--sample must be at least 1, not " + sample);
    }
  }

  public static CorpusSpec paperDefaults() {
    return new CorpusSpec(1024, 256, 10_000, 0);
  }

  public CorpusSpec withSample(int texts) {
    return new CorpusSpec(chunkBytes, minBytes, texts, seed);
  }

  Utf8Chunker chunker() {
    return new Utf8Chunker(chunkBytes, minBytes);
  }
}
