package io.modelmap.aggregator.prediction;

import io.modelmap.schemas.avro.PredictionQuality;
import io.modelmap.schemas.avro.ScorePrediction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Benchmark forecasts from model embeddings (method {@value EmbeddingForecastInput#METHOD}): the
 * embeddings of {@code model-embeddings}, the current forecasts, and whether a refit is due (a new
 * embedding or score, then quiet for the debounce).
 */
final class EmbeddingForecasts {
  private final Duration debounce;
  private final Map<String, ForecastEmbedding> embeddings = new HashMap<>();
  private List<EmbeddingForecastInput.Forecast> forecasts = List.of();
  private boolean stale;
  private long changedAtMs;

  EmbeddingForecasts(Duration debounce) {
    this.debounce = debounce;
  }

  void embed(String model, ForecastEmbedding embedding) {
    embeddings.put(model, embedding);
  }

  void changed(long nowMs) {
    stale = true;
    changedAtMs = nowMs;
  }

  boolean due(long nowMs) {
    return stale && !embeddings.isEmpty() && nowMs - changedAtMs >= debounce.toMillis();
  }

  EmbeddingForecastInput input(Map<String, Map<String, Double>> scores, Map<String, String> knownGroups,
      String groupKind, int minObserved, int folds) {
    stale = false;
    Map<String, Map<String, Double>> copy = new HashMap<>();
    scores.forEach((benchmark, byModel) -> copy.put(benchmark, Map.copyOf(byModel)));
    return new EmbeddingForecastInput(Map.copyOf(embeddings), copy, Map.copyOf(knownGroups), groupKind, minObserved,
        folds);
  }

  void install(List<EmbeddingForecastInput.Forecast> fitted) {
    forecasts = fitted.stream().sorted(Comparator.comparing(EmbeddingForecastInput.Forecast::benchmarkId)).toList();
  }

  /** Every embedded model. */
  List<String> models() {
    return embeddings.keySet().stream().sorted().toList();
  }

  /** The model's forecasts, with its observed score where {@code observed} knows one. */
  List<ScorePrediction> entries(String model, BiFunction<String, String, Optional<Double>> observed) {
    List<ScorePrediction> list = new ArrayList<>();
    for (EmbeddingForecastInput.Forecast f : forecasts) {
      Double predicted = f.predicted().get(model);
      if (predicted != null) {
        list.add(ScorePrediction.newBuilder().setBenchmarkId(f.benchmarkId()).setMethod(EmbeddingForecastInput.METHOD)
            .setPredicted(predicted).setObserved(observed.apply(model, f.benchmarkId()).orElse(null))
            .setOutOfFold(f.outOfFold().get(model)).setTrainingModels(f.observed()).build());
      }
    }
    return list;
  }

  List<PredictionQuality> quality(String grouping) {
    return forecasts.stream().filter(f -> Double.isFinite(f.pearsonR()) && Double.isFinite(f.spearmanRho()))
        .map(f -> PredictionQuality.newBuilder().setBenchmarkId(f.benchmarkId())
            .setMethod(EmbeddingForecastInput.METHOD).setCorpusId("").setModels(f.observed()).setFolds(f.folds())
            .setGrouping(grouping).setGroupedBy(f.groupedBy()).setPearsonR(f.pearsonR()).setSpearmanRho(f.spearmanRho())
            .setAlpha(EmbeddingForecastInput.PENALTY).build()).toList();
  }
}
