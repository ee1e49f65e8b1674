package io.modelmap.math.predict;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The leakage indicator of modelmap §4.2: z(ℓ̄_i) − z(benchmark mean_i), z-scores over the models that
 * have both. A model whose likelihood of the corpus is high for its benchmark results (positive values)
 * has likely seen the corpus, or text like it, in training.
 */
public final class LeakageIndicator {
  private LeakageIndicator() {}

  /** One value per model, in input order; the two arrays hold the same models. */
  public static double[] of(double[] meanLogLikelihood, double[] benchmarkMean) {
    if (meanLogLikelihood.length != benchmarkMean.length || meanLogLikelihood.length < 2) {
      throw new IllegalArgumentException("needs the same models, at least 2, in both arrays");
    }
    double[] a = z(meanLogLikelihood);
    double[] b = z(benchmarkMean);
    double[] leakage = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      leakage[i] = a[i] - b[i];
    }
    return leakage;
  }

  /**
   * Each model's standing on the benchmarks: the mean over the benchmarks it has of its z-scored result
   * (z over the models observed on that benchmark). With one benchmark this is the z of the paper's
   * benchmark mean; with several it lets models observed on different benchmarks be compared.
   *
   * @param scores benchmark → model → result (higher is better); benchmarks need 2 or more models
   */
  public static Map<String, Double> benchmarkStanding(Map<String, Map<String, Double>> scores) {
    Map<String, double[]> sums = new TreeMap<>(); // model → {sum of z, benchmarks}
    scores.forEach((benchmark, byModel) -> {
      List<String> models = List.copyOf(byModel.keySet());
      double[] z = z(models.stream().mapToDouble(byModel::get).toArray());
      for (int i = 0; i < z.length; i++) {
        double[] sum = sums.computeIfAbsent(models.get(i), m -> new double[2]);
        sum[0] += z[i];
        sum[1]++;
      }
    });
    Map<String, Double> standing = new TreeMap<>();
    sums.forEach((model, sum) -> standing.put(model, sum[0] / sum[1]));
    return standing;
  }

  private static double[] z(double[] values) {
    double mean = 0;
    for (double v : values) {
      mean += v / values.length;
    }
    double variance = 0;
    for (double v : values) {
      variance += (v - mean) * (v - mean) / (values.length - 1);
    }
    double sd = Math.sqrt(variance);
    double[] z = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      z[i] = sd > 0 ? (values[i] - mean) / sd : 0; // all equal: nobody stands out
    }
    return z;
  }
}
