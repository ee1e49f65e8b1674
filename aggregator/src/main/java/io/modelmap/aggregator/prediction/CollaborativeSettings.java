package io.modelmap.aggregator.prediction;

import java.time.Duration;

/**
 * How collaborative prediction (CPP's neural collaborative filtering with design factors) is fitted
 * in the aggregator.
 *
 * @param minScores known scores, over every model and benchmark, before the first fit (default 20)
 * @param debounce quiet time after the last change before a refit starts, so a bulk import is one refit (default 5 s)
 * @param epochs passes over the known scores per fit (default 200)
 * @param width k, the width of the GMF branch (the MLP's is 2k; default 8)
 * @param axes leading Q coordinates of the map taken as numerical model factors (default 4)
 * @param folds folds of the out-of-fold predictions behind prediction-quality (default 5)
 */
public record CollaborativeSettings(int minScores, Duration debounce, int epochs, int width, int axes, int folds) {
  public static final double LEARNING_RATE = 3e-3;
  public static final double DECAY = 1e-4;
  /** The most models of the map whose classical scaling gives the Q factors; the rest are placed on those axes. */
  public static final int MAX_AXIS_MODELS = 1_000;

  public CollaborativeSettings {
    if (minScores < 2 || epochs < 1 || width < 1 || axes < 0 || folds < 2) {
      throw new IllegalArgumentException("collaborative prediction needs ≥ 2 scores, epochs and width ≥ 1, axes ≥ 0 and"
          + " folds ≥ 2; got " + minScores + ", " + epochs + ", " + width + ", " + axes + ", " + folds);
    }
    if (debounce.isNegative()) {
      throw new IllegalArgumentException("the debounce cannot be negative, was " + debounce);
    }
  }

  public static CollaborativeSettings defaults() {
    return new CollaborativeSettings(20, Duration.ofSeconds(5), 200, 8, 4, 5);
  }
}
