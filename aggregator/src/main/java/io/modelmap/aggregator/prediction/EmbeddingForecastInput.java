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
 * <p>Leak-free, as {@code embedllm-eval --benchmark-forecast}: a benchmark is forecast only from vectors fitted
 * without its answers ({@link #vectorsFor}).
 *
 * @param knownGroups each model's family or type where registered ({@code groupKind} names which)
 */
record EmbeddingForecastInput(Map<String, ForecastEmbedding> embeddings, Map<String, Map<String, Double>> scores,
    Map<String, String> knownGroups, String groupKind, int minObserved, int folds) {
  static final String METHOD = "embedding";
  static final double PENALTY = 1.0;

  /** One benchmark's forecast. */
  record Forecast(String benchmarkId, Map<String, Double> predicted, Map<String, Double> outOfFold, int observed,
      int folds, String groupedBy, double pearsonR, double spearmanRho) {}

  List<Forecast> fit() {
    List<Forecast> forecasts = new ArrayList<>();
    scores.forEach((benchmark, byModel) -> {
      Map<String, double[]> vectors = vectorsFor(benchmark, embeddings);
      List<String> observed = byModel.keySet().stream().filter(vectors::containsKey).sorted().toList();
      if (observed.size() >= minObserved) {
        forecasts.add(forecast(benchmark, observed, byModel, vectors));
      }
    });
    return forecasts;
  }

  /**
   * The vectors that may forecast {@code benchmark}, all from one training: where a training left the benchmark
   * out, each model's vector from it; else (no training saw its answers, or it was beyond the trainings left out)
   * the vectors of the models not fitted on its answers. A model fitted on them with no other vector gets none.
   */
  static Map<String, double[]> vectorsFor(String benchmark, Map<String, ForecastEmbedding> embeddings) {
    Map<String, double[]> vectors = new HashMap<>();
    embeddings.forEach((model, e) -> {
      double[] without = e.withoutBenchmark().get(benchmark);
      if (without != null) {
        vectors.put(model, without);
      }
    });
    if (vectors.isEmpty()) {
      embeddings.forEach((model, e) -> {
        if (!e.benchmarks().contains(benchmark)) {
          vectors.put(model, e.vector());
        }
      });
    }
    return vectors;
  }

  private Forecast forecast(String benchmark, List<String> observed, Map<String, Double> byModel,
      Map<String, double[]> vectors) {
    EmbeddingRidge all = ridge(observed, byModel, vectors);
    Map<String, Double> predicted = new HashMap<>();
    vectors.forEach((model, e) -> predicted.put(model, all.predict(e)));
    Folds split = Folds.ofModels(observed, knownGroups::get, groupKind, folds);
    Map<String, Double> outOfFold = new HashMap<>();
    for (int fold = 0; fold < split.count(); fold++) {
      List<String> train = new ArrayList<>();
      for (int i : split.members(fold, false)) {
        train.add(observed.get(i));
      }
      EmbeddingRidge fit = ridge(train, byModel, vectors);
      for (int i : split.members(fold, true)) {
        outOfFold.put(observed.get(i), fit.predict(vectors.get(observed.get(i))));
      }
    }
    double[] x = observed.stream().mapToDouble(outOfFold::get).toArray();
    double[] y = observed.stream().mapToDouble(byModel::get).toArray();
    return new Forecast(benchmark, predicted, outOfFold, observed.size(), split.count(), split.groupedBy(), new PearsonsCorrelation().correlation(x, y),
        new SpearmansCorrelation().correlation(x, y));
  }

  private static EmbeddingRidge ridge(List<String> models, Map<String, Double> byModel,
      Map<String, double[]> vectors) {
    return EmbeddingRidge.fit(models.stream().map(vectors::get).toArray(double[][]::new),
        models.stream().mapToDouble(byModel::get).toArray(), PENALTY);
  }
}
