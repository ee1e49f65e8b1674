package io.modelmap.aggregator.prediction;

import io.modelmap.math.predict.GroupedFolds;
import io.modelmap.math.predict.RidgeData;
import io.modelmap.math.predict.RidgeCrossValidation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * A snapshot of what one benchmark's refit needs, taken on the stream thread and fitted on the
 * background one: the observed complete models, their groups, their ridge data and scores.
 *
 * @param groupedBy what the groups are ({@link io.modelmap.math.predict.Folds#groupedBy}), for the quality record
 * @param data the training models' ridge data: their squared distances at one shard (only KL rows reach
 *     prediction there), their ξ rows in the form {@link io.modelmap.math.predict.RidgeSolver} picks at S &gt; 1
 */
record FitInput(String corpus, String benchmark, List<String> training, List<String> groups, String groupedBy,
    RidgeData data, double[] y, int folds) {

  /** The fit on every observed model and the grouped out-of-fold prediction of each. */
  BenchmarkFit fit() {
    RidgeCrossValidation.Fit all = RidgeCrossValidation.fitAll(data, y, groups, folds);
    RidgeCrossValidation.OutOfFold held = RidgeCrossValidation.outOfFold(data, y, groups, folds);
    Map<String, Double> outOfFold = new HashMap<>();
    for (int i = 0; i < training.size(); i++) {
      outOfFold.put(training.get(i), held.outOfFold()[i]);
    }
    return new BenchmarkFit(corpus, benchmark, training, all.ridge(), all.alpha(), outOfFold,
        GroupedFolds.count(held.folds()), groupedBy, new PearsonsCorrelation().correlation(held.outOfFold(), y),
        new SpearmansCorrelation().correlation(held.outOfFold(), y));
  }
}
