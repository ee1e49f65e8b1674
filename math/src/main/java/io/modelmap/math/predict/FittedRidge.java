package io.modelmap.math.predict;

/**
 * A ridge from Q fitted at one α, in either of its two equal forms: {@link DistanceRidge} (dual, from the
 * training models' squared distances) or {@link CoordinateRidge} (primal, from their coordinates).
 * Which form a fit takes is {@link RidgeSolver}'s choice; the predictions are the same.
 */
public sealed interface FittedRidge permits DistanceRidge, CoordinateRidge {
  /**
   * The prediction for one model, described the way the fit was made: its squared distances to the
   * training models in their order (dual), or its coordinates (primal).
   */
  double predict(double[] row);

  /** ȳ: the mean training score, what a model at the training centroid is predicted. */
  double intercept();
}
