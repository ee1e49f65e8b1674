package io.modelmap.aggregator.prediction;

import io.modelmap.math.embed.EmbeddingRidge;
import io.modelmap.math.predict.Folds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * A snapshot for forecasting benchmark scores from model embeddings (EmbedLLM §5.3, method
 * {@value #METHOD}): every embedded model, and per benchmark its observed embedded models. Fitted in the
 * background: per benchmark with at least {@code minObserved} of them, {@link EmbeddingRidge} on all
 * (the prediction of every embedded model) and on the {@link Folds} ridge from Q uses (grouped by family or
 * type where known: each observed model's out-of-fold prediction, and r, ρ).
 *
 * @param knownGroups each model's family or type where registered ({@code groupKind} names which)
 */
record EmbeddingForecastInput(Map<String, double[]> embeddings, Map<String, Map<String, Double>> scores,
    Map<String, String> knownGroups, String groupKind, int minObserved, int folds) {
  static final String METHOD = "embedding";
  static final double PENALTY = 1.0;

  /** One benchmark's forecast. */
  record Forecast(String benchmarkId, Map<String, Double> predicted, Map<String, Double> outOfFold, int observed,
      int folds, String groupedBy, double pearsonR, double spearmanRho) {}

  List<Forecast> fit() {
    List<Forecast> forecasts = new ArrayList<>();
    scores.forEach((benchmark, byModel) -> {
      List<String> observed = byModel.keySet().stream().filter(embeddings::containsKey).sorted().toList();
      if (observed.size() >= minObserved) {
        forecasts.add(forecast(benchmark, observed, byModel));
      }
    });
    return forecasts;
  }

  private Forecast forecast(String benchmark, List<String> observed, Map<String, Double> byModel) {
    EmbeddingRidge all = ridge(observed, byModel);
    Map<String, Double> predicted = new HashMap<>();
    embeddings.forEach((model, e) -> predicted.put(model, all.predict(e)));
    Folds split = Folds.ofModels(observed, knownGroups::get, groupKind, folds);
    Map<String, Double> outOfFold = new HashMap<>();
    for (int fold = 0; fold < split.count(); fold++) {
      List<String> train = new ArrayList<>();
      for (int i : split.members(fold, false)) {
        train.add(observed.get(i));
      }
      EmbeddingRidge fit = ridge(train, byModel);
      for (int i : split.members(fold, true)) {
        outOfFold.put(observed.get(i), fit.predict(embeddings.get(observed.get(i))));
      }
    }
    double[] x = observed.stream().mapToDouble(outOfFold::get).toArray();
    double[] y = observed.stream().mapToDouble(byModel::get).toArray();
    return new Forecast(benchmark, predicted, outOfFold, observed.size(), split.count(), split.groupedBy(), new PearsonsCorrelation().correlation(x, y),
        new SpearmansCorrelation().correlation(x, y));
  }

  private EmbeddingRidge ridge(List<String> models, Map<String, Double> byModel) {
    return EmbeddingRidge.fit(models.stream().map(embeddings::get).toArray(double[][]::new),
        models.stream().mapToDouble(byModel::get).toArray(), PENALTY);
  }
}
