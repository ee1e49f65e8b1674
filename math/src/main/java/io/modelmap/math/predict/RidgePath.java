package io.modelmap.math.predict;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * {@link DistanceRidge} for every α at once: one eigendecomposition G_T = V·Λ·Vᵀ of the training Gram,
 * then c(α) = V·(Λ + αI)⁻¹·Vᵀ(y − ȳ). Choosing α over a grid costs one O(|T|³) decomposition per
 * training set instead of one solve per candidate, and predicting t held-out models for all
 * candidates costs O(t·|T|²) once plus O(t·|T|) per candidate.
 */
public final class RidgePath {
  private final double[] rowMeans;
  private final double grandMean;
  private final double intercept;
  private final double[] eigenvalues;
  private final DMatrixRMaj vectors; // columns: eigenvectors of G_T
  private final double[] projected; // Vᵀ(y − ȳ)

  private RidgePath(double[] rowMeans, double grandMean, double intercept,
      double[] eigenvalues, DMatrixRMaj vectors, double[] projected) {
    this.rowMeans = rowMeans;
    this.grandMean = grandMean;
    this.intercept = intercept;
    this.eigenvalues = eigenvalues;
    this.vectors = vectors;
    this.projected = projected;
  }

  /**
   * @param trainSquaredDistances |T|×|T| squared distances among the training models, symmetric, zero diagonal
   * @param y their observed scores, in the same order
   */
  public static RidgePath of(double[][] trainSquaredDistances, double[] y) {
    int m = y.length;
    if (trainSquaredDistances.length != m) {
      throw new IllegalArgumentException(trainSquaredDistances.length + " distance rows for " + m + " scores");
    }
    if (m < 2) {
      throw new IllegalArgumentException("ridge needs at least 2 training models, got " + m);
    }
    double[] rowMeans = new double[m];
    double grand = 0;
    for (int i = 0; i < m; i++) {
      double sum = 0;
      for (int k = 0; k < m; k++) {
        sum += trainSquaredDistances[i][k];
      }
      rowMeans[i] = sum / m;
      grand += sum;
    }
    grand /= (double) m * m;
    double mean = 0;
    for (double v : y) {
      mean += v / m;
    }
    DMatrixRMaj gram = new DMatrixRMaj(m, m);
    for (int i = 0; i < m; i++) {
      for (int j = i; j < m; j++) { // symmetric by construction: rounding cannot make it otherwise
        double g = -0.5 * (0.5 * (trainSquaredDistances[i][j] + trainSquaredDistances[j][i])
            - rowMeans[i] - rowMeans[j] + grand);
        gram.unsafe_set(i, j, g);
        gram.unsafe_set(j, i, g);
      }
    }
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, true, true);
    if (!eig.decompose(gram)) {
      throw new IllegalStateException("the eigendecomposition of the " + m + "×" + m + " training Gram did not converge");
    }
    double[] eigenvalues = new double[m];
    DMatrixRMaj vectors = new DMatrixRMaj(m, m);
    double[] projected = new double[m];
    for (int k = 0; k < m; k++) {
      eigenvalues[k] = Math.max(eig.getEigenvalue(k).getReal(), 0); // G_T is positive semi-definite
      DMatrixRMaj v = eig.getEigenVector(k);
      double dot = 0;
      for (int i = 0; i < m; i++) {
        vectors.unsafe_set(i, k, v.get(i));
        dot += v.get(i) * (y[i] - mean);
      }
      projected[k] = dot;
    }
    NullDirections.drop(eigenvalues, projected);
    return new RidgePath(rowMeans, grand, mean, eigenvalues, vectors, projected);
  }

  /** The fit at one α (positive). */
  public DistanceRidge at(double alpha) {
    requirePositive(alpha);
    int m = eigenvalues.length;
    double[] scaled = new double[m];
    for (int k = 0; k < m; k++) {
      scaled[k] = projected[k] / (eigenvalues[k] + alpha);
    }
    double[] c = new double[m];
    for (int i = 0; i < m; i++) {
      double sum = 0;
      for (int k = 0; k < m; k++) {
        sum += vectors.unsafe_get(i, k) * scaled[k];
      }
      c[i] = sum;
    }
    return new DistanceRidge(c, rowMeans, grandMean, intercept);
  }

  /**
   * Predictions of several models for several α.
   *
   * @param squaredDistancesToTrain one row per predicted model: its squared distances to the training models
   * @return [α index][model index]
   */
  public double[][] predict(double[][] squaredDistancesToTrain, double[] alphas) {
    int m = eigenvalues.length;
    int t = squaredDistancesToTrain.length;
    DMatrixRMaj g = new DMatrixRMaj(t, m);
    for (int j = 0; j < t; j++) {
      double[] d = squaredDistancesToTrain[j];
      if (d.length != m) {
        throw new IllegalArgumentException(d.length + " distances for " + m + " training models");
      }
      double ownMean = 0;
      for (double v : d) {
        ownMean += v / m;
      }
      for (int i = 0; i < m; i++) {
        g.unsafe_set(j, i, -0.5 * (d[i] - ownMean - rowMeans[i] + grandMean));
      }
    }
    DMatrixRMaj gv = new DMatrixRMaj(t, m);
    CommonOps_DDRM.mult(g, vectors, gv);
    double[][] predictions = new double[alphas.length][t];
    for (int a = 0; a < alphas.length; a++) {
      requirePositive(alphas[a]);
      for (int j = 0; j < t; j++) {
        double sum = intercept;
        for (int k = 0; k < m; k++) {
          sum += gv.unsafe_get(j, k) * projected[k] / (eigenvalues[k] + alphas[a]);
        }
        predictions[a][j] = sum;
      }
    }
    return predictions;
  }

  private static void requirePositive(double alpha) {
    if (!(alpha > 0)) {
      throw new IllegalArgumentException("alpha must be positive, was " + alpha);
    }
  }
}
