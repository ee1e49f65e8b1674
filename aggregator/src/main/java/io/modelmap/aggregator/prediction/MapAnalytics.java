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
 * clustering order (App. G.5) and leakage (§4.2). O(K³) for the eigenvalues, so it runs on its own
 * interval, not at every completion.
 */
final class MapAnalytics {
  /** The curve is cut here: the paper's 1,018 models reach 95 % at 82 axes. */
  static final int MAX_AXES = 512;

  private MapAnalytics() {}

  static ModelAnalytics of(String corpus, CorpusDistances distances, Map<String, Map<String, Double>> scores,
      int minObserved) {
    List<String> models = distances.models();
    double[][] squared = distances.squared(models, models);
    EffectiveDimension dimension = EffectiveDimension.of(squared);
    List<String> order = Arrays.stream(ClusteringOrder.of(squared)).mapToObj(models::get).toList();
    Map<String, Map<String, Double>> leakageScores = leakageScores(distances, scores, minObserved);
    int observed = scores.values().stream().mapToInt(byModel -> (int) byModel.keySet().stream()
        .filter(distances::contains).count()).sum();
    return ModelAnalytics.newBuilder().setCorpusId(corpus).setCompleteModels(models.size()).setObservedScores(observed)
        .setCumulativeVariance(boxed(dimension.cumulativeShare(), MAX_AXES))
        .setDimension90(dimension.dimensionFor(0.90)).setDimension95(dimension.dimensionFor(0.95))
        .setClusterOrder(order).setLeakageBenchmarks(new ArrayList<>(leakageScores.keySet()))
        .setLeakage(leakage(distances, leakageScores)).build();
  }

  /** The observed scores of the corpus's complete models, on benchmarks with at least minObserved of them. */
  private static Map<String, Map<String, Double>> leakageScores(CorpusDistances distances,
      Map<String, Map<String, Double>> scores, int minObserved) {
    Map<String, Map<String, Double>> kept = new TreeMap<>();
    scores.forEach((benchmark, byModel) -> {
      Map<String, Double> complete = new HashMap<>();
      byModel.forEach((model, value) -> {
        if (distances.contains(model) && distances.meanLogLikelihood(model).isPresent()) {
          complete.put(model, value);
        }
      });
      if (complete.size() >= minObserved) {
        kept.put(benchmark, complete);
      }
    });
    return kept;
  }

  private static List<LeakageEntry> leakage(CorpusDistances distances, Map<String, Map<String, Double>> scores) {
    Map<String, Double> standing = LeakageIndicator.benchmarkStanding(scores);
    if (standing.size() < 2) {
      return List.of();
    }
    List<String> models = new ArrayList<>(standing.keySet());
    double[] meanLogLikelihood = models.stream().mapToDouble(m -> distances.meanLogLikelihood(m).orElseThrow()).toArray();
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
