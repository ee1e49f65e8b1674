package io.modelmap.eval.cpp;

import io.modelmap.math.collab.HeldOutQuality;
import java.util.Arrays;
import java.util.List;

/**
 * Mean and sample standard deviation (n − 1; 0 for one run) of Table 1's four metrics over runs, in the
 * order MSE, mean L1, rank accuracy, MAE@2.
 */
public record QualitySummary(double[] mean, double[] sd) {
  /** Metrics per summary. */
  public static final int METRICS = 4;

  public static QualitySummary of(List<HeldOutQuality> runs) {
    double[][] values = new double[METRICS][runs.size()];
    for (int r = 0; r < runs.size(); r++) {
      HeldOutQuality q = runs.get(r);
      values[0][r] = q.mse();
      values[1][r] = q.meanL1();
      values[2][r] = q.rankAccuracy();
      values[3][r] = q.maeAt2();
    }
    double[] mean = new double[METRICS];
    double[] sd = new double[METRICS];
    for (int i = 0; i < METRICS; i++) {
      double m = Arrays.stream(values[i]).average().orElse(Double.NaN);
      mean[i] = m;
      sd[i] = Math.sqrt(Arrays.stream(values[i]).map(v -> (v - m) * (v - m)).sum() / Math.max(1, values[i].length - 1));
    }
    return new QualitySummary(mean, sd);
  }
}
