package io.modelmap.math;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;

/**
 * Global lower-tail clipping (modelmap paper §3.3): values of L below its q-quantile are raised to
 * that quantile before centring. The quantile interpolates linearly between order statistics
 * (R-7, NumPy's default), so it matches {@code np.quantile(L, q)}.
 */
public final class QuantileClipping {
  private QuantileClipping() {}

  /** The q-quantile over every value of the matrix. */
  public static double threshold(double[][] matrix, double q) {
    if (!(q > 0 && q < 1)) {
      throw new IllegalArgumentException("clipping quantile must lie in (0, 1), was " + q);
    }
    int n = 0;
    for (double[] row : matrix) {
      n += row.length;
    }
    double[] all = new double[n];
    int at = 0;
    for (double[] row : matrix) {
      System.arraycopy(row, 0, all, at, row.length);
      at += row.length;
    }
    return new Percentile().withEstimationType(EstimationType.R_7).evaluate(all, q * 100.0);
  }

  /** A copy of the row with every value below {@code floor} raised to it. */
  public static double[] clip(double[] row, double floor) {
    double[] out = new double[row.length];
    for (int s = 0; s < row.length; s++) {
      out[s] = Math.max(row[s], floor);
    }
    return out;
  }
}
