package io.modelmap.aggregator.prediction;

import io.modelmap.math.predict.FittedRidge;
import java.util.List;
import java.util.Map;

/**
 * Ridge from Q for one benchmark on one corpus's map: the fit on every observed complete model and the
 * out-of-fold prediction of each of them.
 *
 * @param training observed complete models, in the order of the ridge's distances
 * @param outOfFold each training model's cross-validated prediction
 * @param groupedBy what its folds were grouped by ({@link io.modelmap.math.predict.Folds#groupedBy})
 */
record BenchmarkFit(String corpusId, String benchmarkId, List<String> training, FittedRidge ridge, double alpha,
    Map<String, Double> outOfFold, int folds, String groupedBy, double pearsonR, double spearmanRho) {

  /** A complete model of the fit's corpus, predicted from its row of {@code map} in the fit's form. */
  double predict(CorpusMap map, String model) {
    return ridge.predict(map.features(ridge, training, model));
  }
}
