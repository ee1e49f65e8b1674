package io.modelmap.math.map;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

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
    DMatrixRMaj b = new DMatrixRMaj(k, k);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        b.unsafe_set(i, j, -0.5 * (squaredDistances[i][j] - rowMeans[i] - rowMeans[j] + grand));
      }
    }
    // values only, symmetric QR: converges where Commons Math's EigenDecomposition gives up (K > N, rank-deficient B)
    EigenDecomposition_F64<DMatrixRMaj> decomposition = DecompositionFactory_DDRM.eig(k, false, true);
    if (!decomposition.decompose(b)) {
      throw new IllegalStateException("the eigenvalues of the " + k + "×" + k + " centred Gram did not converge");
    }
    double[] sorted = new double[k];
    for (int i = 0; i < k; i++) {
      sorted[i] = Math.max(decomposition.getEigenvalue(i).getReal(), 0); // rounding: no negatives
    }
    Arrays.sort(sorted);
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
