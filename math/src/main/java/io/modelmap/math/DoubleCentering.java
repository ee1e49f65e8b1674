package io.modelmap.math;

import java.util.List;

/**
 * Row and column centring of a log-likelihood matrix (modelmap paper §2.3).
 *
 * <p>ξ_is = ℓ_is − ℓ̄_i removes each model's mean; q_is = ξ_is − ξ̄_s then removes each text's mean
 * over models, so rows and columns of Q sum to zero.
 */
public final class DoubleCentering {
  private DoubleCentering() {}

  /** ξ_i: the row minus its own mean. */
  public static double[] rowCentred(double[] logLikelihoods) {
    return Vectors.minus(logLikelihoods, Vectors.mean(logLikelihoods));
  }

  /**
   * ξ̄: the mean of each column over the given ξ rows, summed in list order. Callers that need a
   * result independent of arrival order pass the rows in a fixed order (for example sorted by id).
   */
  public static double[] columnMeans(List<double[]> xiRows) {
    if (xiRows.isEmpty()) {
      throw new IllegalArgumentException("column means need at least one row");
    }
    int n = xiRows.get(0).length;
    double[] sums = new double[n];
    for (double[] row : xiRows) {
      if (row.length != n) {
        throw new IllegalArgumentException("rows differ in length: " + row.length + " vs " + n);
      }
      for (int s = 0; s < n; s++) {
        sums[s] += row[s];
      }
    }
    for (int s = 0; s < n; s++) {
      sums[s] /= xiRows.size();
    }
    return sums;
  }

  /** q_i = ξ_i − ξ̄. */
  public static double[] qRow(double[] xiRow, double[] columnMeans) {
    return Vectors.minus(xiRow, columnMeans);
  }
}
