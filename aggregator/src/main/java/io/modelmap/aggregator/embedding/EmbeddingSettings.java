package io.modelmap.aggregator.embedding;

import java.time.Duration;

/**
 * How model embeddings are learned (EmbedLLM) in the aggregator.
 *
 * @param dimension embedding width (default 16)
 * @param epochs passes over the answers per full training (default 8)
 * @param bits the TF-IDF encoder hashes into 2^bits buckets (default 10)
 * @param retrainInterval least time between two full trainings; new models are folded in meanwhile (default 10 min)
 * @param quiet time without new answers or items before a training starts, so a bulk import is trained as one (default 5 s)
 * @param minModels models with answers before the first training (default 3)
 * @param minQuestions answered questions before the first training (default 50)
 * @param encoding how questions are encoded: all-MiniLM-L6-v2 (default) or hashed TF-IDF
 * @param leaveOutBenchmarks at most this many benchmarks, the most answered, each get a training without their
 *     answers for the leak-free embedding forecast (default 16: MMLU-Pro's 14 categories fit); a benchmark
 *     beyond them gets no embedding forecast from models that answered it
 */
public record EmbeddingSettings(int dimension, int epochs, int bits, Duration retrainInterval, Duration quiet,
    int minModels, int minQuestions, QuestionEncoding encoding, int leaveOutBenchmarks) {
  /** The default of {@link #leaveOutBenchmarks}. */
  public static final int LEAVE_OUT_BENCHMARKS = 16;
  /** The L2 penalty λ of a fold-in (FoldIn), as in embedllm-eval. */
  public static final double FOLD_IN_PENALTY = 1.0;
  /** One question in this many is held out of training, to report held-out accuracy. */
  public static final int HELD_OUT_EVERY = 10;

  public EmbeddingSettings {
    if (dimension < 1 || epochs < 1 || bits < 4 || bits > 24 || minModels < 2 || minQuestions < 2) {
      throw new IllegalArgumentException("embeddings need dimension and epochs ≥ 1, bits 4–24, ≥ 2 models and"
          + " questions; got " + dimension + ", " + epochs + ", " + bits + ", " + minModels + ", " + minQuestions);
    }
    java.util.Objects.requireNonNull(encoding, "the question encoding");
    if (leaveOutBenchmarks < 0) {
      throw new IllegalArgumentException("the benchmarks left out of a training each cannot be negative, were "
          + leaveOutBenchmarks);
    }
    if (retrainInterval.isNegative() || quiet.isNegative()) {
      throw new IllegalArgumentException("the retrain interval and quiet time cannot be negative, were "
          + retrainInterval + ", " + quiet);
    }
  }

  public static EmbeddingSettings defaults() {
    return new EmbeddingSettings(16, 8, 10, Duration.ofMinutes(10), Duration.ofSeconds(5), 3, 50,
        QuestionEncoding.MINILM, LEAVE_OUT_BENCHMARKS);
  }
}
