package io.modelmap.aggregator.matrix;

import io.modelmap.math.map.ClassicalScaling;
import io.modelmap.math.map.PrimaryCategory;
import io.modelmap.math.map.SquaredDistances;
import io.modelmap.schemas.avro.ModelPosition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * The map of one corpus: the KL of every pair of complete models (kept from their completions, so a
 * layout never touches K×N data), each model's per-category mean, and the last positions. A layout
 * costs O(K²) per iteration of the eigen-solver and runs on a debounce, not per arrival; a large one
 * runs from a {@link #layoutJob snapshot} on a background thread.
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

  int size() {
    return slots.size();
  }

  /** The positions of the last layout, in model-id order. */
  List<ModelPosition> positions() {
    return published;
  }

  /** Lays out every complete model now, in model-id order so the result depends only on the models present. */
  List<ModelPosition> layout(MapMethod method, List<String> categoryNames) {
    return install(layoutJob(method, categoryNames).call());
  }

  /**
   * A layout of the models complete now that can run on another thread: it reads the distance rows
   * as they are (a row is written once, when its model completes, before any snapshot holds it) and
   * copies the rest. Clears the stale mark; {@link #install} publishes its result.
   */
  Layout layoutJob(MapMethod method, List<String> categoryNames) {
    List<String> ids = new ArrayList<>(categoryMeans.keySet());
    int k = ids.size();
    int[] slotOf = new int[k];
    double[][] previous = new double[k][];
    for (int i = 0; i < k; i++) {
      slotOf[i] = slots.get(ids.get(i));
      previous[i] = positions.getOrDefault(ids.get(i), new double[] {Double.NaN, Double.NaN});
    }
    double[][] rows = kl.clone();
    List<double[]> means = new ArrayList<>(categoryMeans.values());
    stale = false;
    return new Layout(ids, method, categoryNames, means, previous, new SquaredDistances() {
      @Override
      public int size() {
        return k;
      }

      @Override
      public double below(int i, int j) {
        int s = slotOf[i];
        int t = slotOf[j];
        return method.squaredDistance(s > t ? rows[s][t] : rows[t][s]);
      }
    });
  }

  /** One layout's inputs, and the layout itself. */
  record Layout(List<String> ids, MapMethod method, List<String> categoryNames, List<double[]> categoryMeans,
      double[][] previous, SquaredDistances squared) implements Callable<List<ModelPosition>> {
    @Override
    public List<ModelPosition> call() {
      double[][] placed = ClassicalScaling.embed(squared, previous);
      int[] primary = PrimaryCategory.argmaxZ(categoryMeans);
      List<ModelPosition> list = new ArrayList<>(ids.size());
      for (int i = 0; i < ids.size(); i++) {
        list.add(new ModelPosition(ids.get(i), placed[i][0], placed[i][1],
            primary[i] < 0 ? null : categoryNames.get(primary[i])));
      }
      return List.copyOf(list);
    }
  }

  /** Makes a finished layout the published one (its models' positions steer the next layout's signs). */
  List<ModelPosition> install(List<ModelPosition> laidOut) {
    Map<String, double[]> next = new HashMap<>(positions);
    for (ModelPosition p : laidOut) {
      next.put(p.getModelId().toString(), new double[] {p.getX(), p.getY()});
    }
    positions = next;
    published = laidOut;
    return published;
  }

  static double[] categoryMeans(double[] row, int[] categoryOfText, int categories) {
    return PrimaryCategory.categoryMeans(row, categoryOfText, categories);
  }
}
