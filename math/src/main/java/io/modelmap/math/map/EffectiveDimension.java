package io.modelmap.math.map;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * The effective dimension of the map (modelmap §3.3): the cumulative share of variance along the
 * principal axes of Q, from the eigenvalues of B = −½·H·D²·H (H the centring matrix) — the squared
 * singular values of the centred Q up to the distances' scale — so it never touches K×N.
 *
 * @param cumulativeShare share of total variance in the first d axes, d = 1..K
 */
public record EffectiveDimension(double[] cumulativeShare) {

  /** From squared distances among K models (any scaling of ‖q_i − q_j‖²). */
  public static EffectiveDimension of(double[][] squaredDistances) {
    int k = squaredDistances.length;
    double[] rowMeans = new double[k];
    double grand = 0;
    for (int i = 0; i < k; i++) {
      rowMeans[i] = Arrays.stream(squaredDistances[i]).average().orElse(0);
      grand += rowMeans[i] / k;
    }
    double[][] b = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        b[i][j] = -0.5 * (squaredDistances[i][j] - rowMeans[i] - rowMeans[j] + grand);
      }
    }
    double[] eigen = new EigenDecomposition(new Array2DRowRealMatrix(b, false)).getRealEigenvalues();
    double[] sorted = Arrays.stream(eigen).map(v -> Math.max(v, 0)).sorted().toArray(); // rounding: no negatives
    double total = Arrays.stream(sorted).sum();
    double[] cumulative = new double[k];
    double running = 0;
    for (int d = 0; d < k; d++) {
      running += sorted[k - 1 - d];
      cumulative[d] = total > 0 ? running / total : 1;
    }
    return new EffectiveDimension(cumulative);
  }

  /** The fewest axes that hold at least {@code share} of the variance (paper: 90 % and 95 %). */
  public int dimensionFor(double share) {
    for (int d = 0; d < cumulativeShare.length; d++) {
      if (cumulativeShare[d] >= share - 1e-12) {
        return d + 1;
      }
    }
    return cumulativeShare.length;
  }
}
