package io.modelmap.aggregator.prediction;

import io.modelmap.math.collab.DesignFactors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The design factors of one collaborative fit, encoded as the network takes them, with the same
 * encoding for a model the fit never saw. Numerical model factors: ln(1 + parameters), whether that
 * is known, the model's leading Q coordinates ({@link io.modelmap.math.map.ScalingAxes}) and whether
 * it is on the map, each standardised over the fitted models. Categorical: family, type and the
 * {@value #MAX_LABELS} most common label keys; tasks: ability, family, output format, shots, metric.
 * Index 0 of every categorical column is "unknown", which a value the fit never saw also maps to.
 */
final class CollaborativeFactors {
  static final int MAX_LABELS = 6;
  /** The numerical factors besides the Q coordinates: ln(1 + parameters), parameters known, on the map. */
  static final int NUMERIC_BESIDE_AXES = 3;
  private final int axes;
  private final List<String> labelKeys;
  private final List<Map<String, Integer>> modelValues;
  private final List<Map<String, Integer>> taskValues;
  private final double[] mean;
  private final double[] scale;

  private CollaborativeFactors(int axes, List<String> labelKeys, List<Map<String, Integer>> modelValues,
      List<Map<String, Integer>> taskValues, double[] mean, double[] scale) {
    this.axes = axes;
    this.labelKeys = labelKeys;
    this.modelValues = modelValues;
    this.taskValues = taskValues;
    this.mean = mean;
    this.scale = scale;
  }

  /** @param positions each model's leading Q coordinates ({@code axes} values), or null when it is not on the map */
  static CollaborativeFactors fit(List<ModelFacts> models, List<double[]> positions, List<TaskFacts> tasks, int axes) {
    Map<String, Integer> keyCounts = new TreeMap<>();
    models.forEach(m -> m.labels().keySet().forEach(k -> keyCounts.merge(k, 1, Integer::sum)));
    List<String> labelKeys = keyCounts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(MAX_LABELS).map(Map.Entry::getKey).toList();
    List<String[]> modelRows = models.stream().map(m -> modelCategories(m, labelKeys)).toList();
    List<String[]> taskRows = tasks.stream().map(TaskFacts::categories).toList();
    CollaborativeFactors unscaled = new CollaborativeFactors(axes, labelKeys, vocabularies(modelRows, 2 + labelKeys.size()),
        vocabularies(taskRows, TaskFacts.UNKNOWN.categories().length), null, null);
    int width = NUMERIC_BESIDE_AXES + axes;
    double[] mean = new double[width];
    double[] scale = new double[width];
    List<double[]> raw = new ArrayList<>();
    for (int m = 0; m < models.size(); m++) {
      raw.add(unscaled.rawNumeric(models.get(m), positions.get(m)));
    }
    for (int c = 0; c < width; c++) {
      int column = c;
      mean[c] = raw.stream().mapToDouble(r -> r[column]).average().orElse(0);
      double variance = raw.stream().mapToDouble(r -> (r[column] - mean[column]) * (r[column] - mean[column]))
          .average().orElse(0);
      scale[c] = variance > 1e-24 ? Math.sqrt(variance) : 1;
    }
    return new CollaborativeFactors(axes, labelKeys, unscaled.modelValues, unscaled.taskValues, mean, scale);
  }

  DesignFactors design(List<ModelFacts> models, List<double[]> positions, List<TaskFacts> tasks) {
    double[][] numeric = new double[models.size()][];
    int[][] categorical = new int[models.size()][];
    for (int m = 0; m < models.size(); m++) {
      numeric[m] = numeric(models.get(m), positions.get(m));
      categorical[m] = categorical(models.get(m));
    }
    int[][] taskCategorical = tasks.stream().map(t -> indices(t.categories(), taskValues)).toArray(int[][]::new);
    return new DesignFactors(numeric, categorical, cardinalities(modelValues), taskCategorical,
        cardinalities(taskValues));
  }

  double[] numeric(ModelFacts facts, double[] position) {
    double[] x = rawNumeric(facts, position);
    for (int c = 0; c < x.length; c++) {
      x[c] = (x[c] - mean[c]) / scale[c];
    }
    return x;
  }

  int[] categorical(ModelFacts facts) {
    return indices(modelCategories(facts, labelKeys), modelValues);
  }

  private double[] rawNumeric(ModelFacts facts, double[] position) {
    // [ln(1 + parameters), parameters known, q_1 .. q_axes, on the map]
    double[] x = new double[NUMERIC_BESIDE_AXES + axes];
    if (facts.parameters() != null && facts.parameters() > 0) {
      x[0] = Math.log1p(facts.parameters());
      x[1] = 1;
    }
    if (position != null) {
      System.arraycopy(position, 0, x, 2, axes);
      x[2 + axes] = 1;
    }
    return x;
  }

  private static String[] modelCategories(ModelFacts facts, List<String> labelKeys) {
    String[] values = new String[2 + labelKeys.size()];
    values[0] = facts.family();
    values[1] = facts.type();
    for (int i = 0; i < labelKeys.size(); i++) {
      values[2 + i] = facts.labels().get(labelKeys.get(i));
    }
    return values;
  }

  /** Per column, each value seen → 1, 2, ... in sorted order (0 stays "unknown"). */
  private static List<Map<String, Integer>> vocabularies(List<String[]> rows, int columns) {
    List<Map<String, Integer>> vocabularies = new ArrayList<>();
    for (int c = 0; c < columns; c++) {
      TreeSet<String> seen = new TreeSet<>(Comparator.naturalOrder());
      for (String[] row : rows) {
        if (row[c] != null) {
          seen.add(row[c]);
        }
      }
      Map<String, Integer> index = new HashMap<>();
      seen.forEach(v -> index.put(v, index.size() + 1));
      vocabularies.add(index);
    }
    return vocabularies;
  }

  private static int[] indices(String[] values, List<Map<String, Integer>> vocabularies) {
    int[] indices = new int[values.length];
    for (int c = 0; c < values.length; c++) {
      indices[c] = values[c] == null ? 0 : vocabularies.get(c).getOrDefault(values[c], 0);
    }
    return indices;
  }

  private static int[] cardinalities(List<Map<String, Integer>> vocabularies) {
    return vocabularies.stream().mapToInt(v -> v.size() + 1).toArray();
  }
}
