package io.modelmap.math.map;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The leading axes of classical scaling of a fixed set of models, kept so that other models can be
 * placed on them later from their distances alone (Gower's out-of-sample formula): with B = −½·J·D²·J
 * = V·Λ·Vᵀ, a model at squared distances a_i from the fitted ones sits at
 * y_d = −½ · Σ_i (a_i − mean_j D²_ij) · v_di / √λ_d. A fitted model lands on its own coordinates
 * √λ_d · v_di, and a new model on the projection of its Q row onto the axes, with no refit.
 * Axes with a non-positive eigenvalue are left at 0.
 */
public final class ScalingAxes {
  private final double[] rowMeans;
  private final double[][] scaledVectors; // [axis][model] = v_di / √λ_d

  private ScalingAxes(double[] rowMeans, double[][] scaledVectors) {
    this.rowMeans = rowMeans;
    this.scaledVectors = scaledVectors;
  }

  /** The top {@code axes} axes of the models whose symmetric squared distances are given. */
  public static ScalingAxes fit(double[][] squaredDistances, int axes) {
    int k = squaredDistances.length;
    double[][] b = ClassicalScaling.doubleCentred(squaredDistances);
    double[] rowMeans = new double[k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        rowMeans[i] += squaredDistances[i][j] / k;
      }
    }
    double[][] scaled = new double[axes][k];
    if (k >= 2) {
      EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(k, true, true);
      if (!eig.decompose(new DMatrixRMaj(b))) {
        throw new IllegalStateException("the eigendecomposition of the " + k + "×" + k + " Gram did not converge");
      }
      Integer[] order = new Integer[k];
      for (int i = 0; i < k; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, (x, y) -> Double.compare(eig.getEigenvalue(y).getReal(),
          eig.getEigenvalue(x).getReal()));
      for (int d = 0; d < axes && d < k; d++) {
        double lambda = eig.getEigenvalue(order[d]).getReal();
        DMatrixRMaj v = eig.getEigenVector(order[d]);
        if (!(lambda > 1e-12 * Math.abs(eig.getEigenvalue(order[0]).getReal())) || v == null) {
          continue;
        }
        double sign = firstNonZeroSign(v);
        for (int i = 0; i < k; i++) {
          scaled[d][i] = sign * v.get(i) / Math.sqrt(lambda);
        }
      }
    }
    return new ScalingAxes(rowMeans, scaled);
  }

  /** The coordinates of a model at {@code squaredDistances} from each fitted model (in fit order). */
  public double[] place(double[] squaredDistances) {
    if (squaredDistances.length != rowMeans.length) {
      throw new IllegalArgumentException(squaredDistances.length + " distances for " + rowMeans.length + " fitted models");
    }
    double[] y = new double[scaledVectors.length];
    for (int d = 0; d < y.length; d++) {
      double sum = 0;
      for (int i = 0; i < rowMeans.length; i++) {
        sum += (squaredDistances[i] - rowMeans[i]) * scaledVectors[d][i];
      }
      y[d] = -0.5 * sum;
    }
    return y;
  }

  /** Fixes each axis's sign by its first non-zero entry, so equal distances give equal axes. */
  private static double firstNonZeroSign(DMatrixRMaj v) {
    for (int i = 0; i < v.getNumElements(); i++) {
      if (Math.abs(v.get(i)) > 1e-9) {
        return Math.signum(v.get(i));
      }
    }
    return 1;
  }
}
