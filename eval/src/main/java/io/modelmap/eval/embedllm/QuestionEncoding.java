package io.modelmap.eval.embedllm;

import io.modelmap.math.embed.HashedTfIdfEncoder;
import io.modelmap.math.embed.QuestionEncoder;
import java.util.List;

/**
 * How a protocol gets its question encoder from the training questions: hashed TF-IDF fits its IDF on
 * them; a pretrained encoder (all-MiniLM-L6-v2) ignores them.
 */
@FunctionalInterface
public interface QuestionEncoding {
  QuestionEncoder fit(List<String> trainingTexts);

  /** Hashed TF-IDF into 2^bits buckets, IDF from the training texts. */
  static QuestionEncoding tfIdf(int bits) {
    return texts -> HashedTfIdfEncoder.fit(texts, bits);
  }

  /** A frozen pretrained encoder, its vectors of {@code allTexts} computed once (in batches) and reused. */
  static QuestionEncoding pretrained(QuestionEncoder encoder, List<String> allTexts) {
    PrecomputedEncoder precomputed = PrecomputedEncoder.of(encoder, allTexts);
    return texts -> precomputed;
  }

  /**
   * As {@link #pretrained(QuestionEncoder, List)}, the vectors read from {@code cache} where it holds them
   * and the others encoded and saved to it.
   */
  static QuestionEncoding pretrained(QuestionEncoder encoder, List<String> allTexts, EncodingCache cache) {
    PrecomputedEncoder precomputed = PrecomputedEncoder.of(encoder, allTexts, cache);
    return texts -> precomputed;
  }
}
