package io.modelmap.math.predict;

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
      z[i] = (values[i] - mean) / sd;
    }
    return z;
  }
}
