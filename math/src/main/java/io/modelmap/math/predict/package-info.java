/**
 * Benchmark prediction from the map (modelmap §5): ridge from Q in its dual form on squared distances
 * ({@link io.modelmap.math.predict.DistanceRidge}, {@link io.modelmap.math.predict.RidgePath}) or its
 * primal form on coordinates ({@link io.modelmap.math.predict.CoordinateRidge},
 * {@link io.modelmap.math.predict.CoordinateRidgePath}), equal predictions, the form chosen by size
 * ({@link io.modelmap.math.predict.RidgeSolver}); one grouped cross-validation over either
 * ({@link io.modelmap.math.predict.RidgeCrossValidation} on {@link io.modelmap.math.predict.RidgeData});
 * the folds the streamed methods share ({@link io.modelmap.math.predict.Folds}) and the leakage indicator.
 */
package io.modelmap.math.predict;
