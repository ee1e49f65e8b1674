package io.modelmap.eval.cpp;

import io.modelmap.math.collab.HeldOutQuality;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Mean and sample standard deviation (n − 1; 0 for one run) of metrics over runs: {@link #of} Table 1's
 * four metrics in the order MSE, mean L1, rank accuracy, MAE@2 (ranks among every model of a task);
 * {@link #withinRow} MAE@0 and MAE@2 of the authors' notebook protocol (ranks within a model's row).
 */
public record QualitySummary(double[] mean, double[] sd) {
  /** Metrics per summary of {@link #of}. */
  public static final int METRICS = 4;

  public static QualitySummary of(List<HeldOutQuality> runs) {
    return summarise(runs, List.of(HeldOutQuality::mse, HeldOutQuality::meanL1, HeldOutQuality::rankAccuracy,
        HeldOutQuality::maeAt2));
  }

  /** MAE@0 and MAE@2 with the held-out cells ranked within each model's row. */
  public static QualitySummary withinRow(List<HeldOutQuality> runs) {
    return summarise(runs, List.of(q -> q.withinRow().maeAt0(), q -> q.withinRow().maeAt2()));
  }

  private static QualitySummary summarise(List<HeldOutQuality> runs, List<ToDoubleFunction<HeldOutQuality>> metrics) {
    double[] mean = new double[metrics.size()];
    double[] sd = new double[metrics.size()];
    for (int i = 0; i < metrics.size(); i++) {
      double[] values = runs.stream().mapToDouble(metrics.get(i)).toArray();
      double m = Arrays.stream(values).average().orElse(Double.NaN);
      mean[i] = m;
      sd[i] = Math.sqrt(Arrays.stream(values).map(v -> (v - m) * (v - m)).sum() / Math.max(1, values.length - 1));
    }
    return new QualitySummary(mean, sd);
  }
}
