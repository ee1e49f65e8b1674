package io.modelmap.aggregator.prediction;

import io.modelmap.math.map.ClusteringOrder;
import io.modelmap.math.map.EffectiveDimension;
import io.modelmap.math.predict.LeakageIndicator;
import io.modelmap.schemas.avro.LeakageEntry;
import io.modelmap.schemas.avro.ModelAnalytics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A corpus's analytics from the K×K distances and the observed scores: effective dimension (§3.3),
 * clustering order (App. G.5) and leakage (§4.2). O(K³) for the eigenvalues, so it runs in the
 * background from an {@link Input} snapshot, at most once per analytics interval. Above
 * {@link #MAX_MODELS} complete models the dimension and the cluster order come from an even sample of
 * them in id order (at K = 10,000 the full eigendecomposition would take hours and 2.4 GB of heap).
 */
final class MapAnalytics {
  /** The curve is cut here: the paper's 1,018 models reach 95 % at 82 axes. */
  static final int MAX_AXES = 512;
  /**
   * The most models whose K×K distances the analytics decompose (the paper's map had 1,018); more are
   * sampled evenly. At 2,000 each analytics run cost a minute of the background thread during a bulk.
   */
  static final int MAX_MODELS = 1_000;

  private MapAnalytics() {}

  /**
   * What the analytics need, copied on the stream thread so they can be computed on the background one.
   *
   * @param leakageScores benchmark → complete model → score, for benchmarks with enough observed complete models
   */
  record Input(String corpus, int completeModels, List<String> models, double[][] squared,
      Map<String, Double> meanLogLikelihood, Map<String, Map<String, Double>> leakageScores, int observedScores) {}

  static Input input(String corpus, CorpusDistances distances, Map<String, Map<String, Double>> scores, int minObserved) {
    // by id: the leaf order breaks ties by index, so arrival order must not decide it
    List<String> models = distances.models().stream().sorted().toList();
    Map<String, Double> meanLogLikelihood = new HashMap<>();
    models.forEach(m -> distances.meanLogLikelihood(m).ifPresent(v -> meanLogLikelihood.put(m, v)));
    Map<String, Map<String, Double>> kept = new TreeMap<>();
    int observed = 0;
    for (Map.Entry<String, Map<String, Double>> benchmark : scores.entrySet()) {
      Map<String, Double> complete = new HashMap<>();
      for (Map.Entry<String, Double> score : benchmark.getValue().entrySet()) {
        if (distances.contains(score.getKey())) {
          observed++;
          if (meanLogLikelihood.containsKey(score.getKey())) {
            complete.put(score.getKey(), score.getValue());
          }
        }
      }
      if (complete.size() >= minObserved) {
        kept.put(benchmark.getKey(), complete);
      }
    }
    List<String> analysed = evenSample(models, MAX_MODELS);
    return new Input(corpus, models.size(), analysed, distances.squared(analysed, analysed), meanLogLikelihood, kept,
        observed);
  }

  /** At most {@code limit} of {@code models}, spread evenly over the list (all of them when few enough). */
  static List<String> evenSample(List<String> models, int limit) {
    if (models.size() <= limit) {
      return models;
    }
    List<String> sample = new ArrayList<>(limit);
    for (int i = 0; i < limit; i++) {
      sample.add(models.get((int) ((long) i * models.size() / limit)));
    }
    return sample;
  }

  static ModelAnalytics of(Input input) {
    EffectiveDimension dimension = EffectiveDimension.of(input.squared());
    List<String> order = Arrays.stream(ClusteringOrder.of(input.squared())).mapToObj(input.models()::get).toList();
    return ModelAnalytics.newBuilder().setCorpusId(input.corpus()).setCompleteModels(input.completeModels())
        .setObservedScores(input.observedScores())
        .setCumulativeVariance(boxed(dimension.cumulativeShare(), MAX_AXES))
        .setDimension90(dimension.dimensionFor(0.90)).setDimension95(dimension.dimensionFor(0.95))
        .setClusterOrder(order).setLeakageBenchmarks(new ArrayList<>(input.leakageScores().keySet()))
        .setLeakage(leakage(input.meanLogLikelihood(), input.leakageScores())).build();
  }

  private static List<LeakageEntry> leakage(Map<String, Double> meanLogLikelihoods, Map<String, Map<String, Double>> scores) {
    Map<String, Double> standing = LeakageIndicator.benchmarkStanding(scores);
    if (standing.size() < 2) {
      return List.of();
    }
    List<String> models = new ArrayList<>(standing.keySet());
    double[] meanLogLikelihood = models.stream().mapToDouble(meanLogLikelihoods::get).toArray();
    double[] leakage = LeakageIndicator.of(meanLogLikelihood, models.stream().mapToDouble(standing::get).toArray());
    List<LeakageEntry> entries = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      entries.add(LeakageEntry.newBuilder().setModelId(models.get(i)).setLeakage(leakage[i])
          .setMeanLogLikelihood(meanLogLikelihood[i]).setBenchmarkStanding(standing.get(models.get(i))).build());
    }
    entries.sort(Comparator.comparingDouble(LeakageEntry::getLeakage).reversed().thenComparing(LeakageEntry::getModelId));
    return entries;
  }

  private static List<Double> boxed(double[] values, int limit) {
    List<Double> list = new ArrayList<>();
    for (int i = 0; i < Math.min(values.length, limit); i++) {
      list.add(values[i]);
    }
    return list;
  }
}
