package io.modelmap.aggregator.matrix;

import io.modelmap.aggregator.MapMethod;
import io.modelmap.math.map.ClassicalScaling;
import io.modelmap.math.map.PrimaryCategory;
import io.modelmap.schemas.avro.ModelPosition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The map of one corpus: the KL of every pair of complete models (kept from their completions, so a
 * layout never touches K×N data), each model's per-category mean, and the last positions. A layout
 * costs O(K²) per iteration of the eigen-solver and runs on a debounce, not per arrival.
 */
final class MapState {
  private final Map<String, Integer> slots = new HashMap<>();
  private double[][] kl = new double[0][]; // kl[s][t], t < s
  private final Map<String, double[]> categoryMeans = new TreeMap<>();
  private Map<String, double[]> positions = new HashMap<>();
  private List<ModelPosition> published = List.of();
  private boolean stale;

  void addModel(String modelId, double[] means) {
    int slot = slots.size();
    slots.put(modelId, slot);
    if (slot == kl.length) {
      kl = Arrays.copyOf(kl, Math.max(16, slot * 2));
    }
    kl[slot] = new double[slot];
    categoryMeans.put(modelId, means);
    stale = true;
  }

  void recordDistance(String a, String b, double klNats) {
    int s = slots.get(a);
    int t = slots.get(b);
    if (s > t) {
      kl[s][t] = klNats;
    } else {
      kl[t][s] = klNats;
    }
  }

  private double distance(String a, String b) {
    int s = slots.get(a);
    int t = slots.get(b);
    return s == t ? 0 : s > t ? kl[s][t] : kl[t][s];
  }

  /** KL (nats per text) from {@code model} to every other model of the map. */
  Map<String, Double> klTo(String model) {
    Map<String, Double> row = new HashMap<>();
    for (String other : slots.keySet()) {
      if (!other.equals(model)) {
        row.put(other, distance(model, other));
      }
    }
    return row;
  }

  boolean isStale() {
    return stale;
  }

  /** The positions of the last layout, in model-id order. */
  List<ModelPosition> positions() {
    return published;
  }

  /** Lays out every complete model, in model-id order so the result depends only on the models present. */
  List<ModelPosition> layout(MapMethod method, List<String> categoryNames) {
    List<String> ids = new ArrayList<>(categoryMeans.keySet());
    int k = ids.size();
    double[][] d2 = new double[k][k];
    double[][] previous = new double[k][];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < i; j++) {
        d2[i][j] = method.squaredDistance(distance(ids.get(i), ids.get(j)));
        d2[j][i] = d2[i][j];
      }
      previous[i] = positions.getOrDefault(ids.get(i), new double[] {Double.NaN, Double.NaN});
    }
    double[][] placed = ClassicalScaling.embed(d2, previous);
    int[] primary = PrimaryCategory.argmaxZ(new ArrayList<>(categoryMeans.values()));
    Map<String, double[]> next = new HashMap<>();
    List<ModelPosition> list = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      next.put(ids.get(i), placed[i]);
      list.add(new ModelPosition(ids.get(i), placed[i][0], placed[i][1],
          primary[i] < 0 ? null : categoryNames.get(primary[i])));
    }
    positions = next;
    published = List.copyOf(list);
    stale = false;
    return published;
  }

  static double[] categoryMeans(double[] row, int[] categoryOfText, int categories) {
    return PrimaryCategory.categoryMeans(row, categoryOfText, categories);
  }
}
