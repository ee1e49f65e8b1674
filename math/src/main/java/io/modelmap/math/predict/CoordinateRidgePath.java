package io.modelmap.math.predict;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * {@link CoordinateRidge} for every α at once, as {@link RidgePath} is for the dual: one
 * eigendecomposition of the N×N scatter XᵀX = W·Λ·Wᵀ (X the training rows centred over T), then
 * w(α) = W·(Λ + αI)⁻¹·Wᵀ·Xᵀ(y − ȳ). XᵀX and Xᵀy are sums over models, O(|T|·N²) to form; the
 * decomposition is O(N³) whatever |T| is.
 */
public final class CoordinateRidgePath {
  private final double[] centroid;
  private final double intercept;
  private final double[] eigenvalues;
  private final DMatrixRMaj vectors; // columns: eigenvectors of XᵀX
  private final double[] projected; // Wᵀ·Xᵀ(y − ȳ)

  private CoordinateRidgePath(double[] centroid, double intercept, double[] eigenvalues, DMatrixRMaj vectors,
      double[] projected) {
    this.centroid = centroid;
    this.intercept = intercept;
    this.eigenvalues = eigenvalues;
    this.vectors = vectors;
    this.projected = projected;
  }

  /**
   * @param trainCoordinates one row per training model, N coordinates each
   * @param y their observed scores, in the same order
   */
  public static CoordinateRidgePath of(double[][] trainCoordinates, double[] y) {
    int m = y.length;
    if (trainCoordinates.length != m) {
      throw new IllegalArgumentException(trainCoordinates.length + " coordinate rows for " + m + " scores");
    }
    if (m < 2) {
      throw new IllegalArgumentException("ridge needs at least 2 training models, got " + m);
    }
    int n = trainCoordinates[0].length;
    double[] centroid = new double[n];
    for (double[] row : trainCoordinates) {
      if (row.length != n) {
        throw new IllegalArgumentException("coordinate rows of " + row.length + " and " + n + " values");
      }
      for (int s = 0; s < n; s++) {
        centroid[s] += row[s];
      }
    }
    for (int s = 0; s < n; s++) {
      centroid[s] /= m;
    }
    double mean = 0;
    for (double v : y) {
      mean += v / m;
    }
    // centred before the product (not Σxxᵀ − m·x̄x̄ᵀ): no cancellation when the rows sit far from the origin
    DMatrixRMaj x = new DMatrixRMaj(m, n);
    DMatrixRMaj residual = new DMatrixRMaj(m, 1);
    for (int i = 0; i < m; i++) {
      for (int s = 0; s < n; s++) {
        x.unsafe_set(i, s, trainCoordinates[i][s] - centroid[s]);
      }
      residual.unsafe_set(i, 0, y[i] - mean);
    }
    DMatrixRMaj scatter = new DMatrixRMaj(n, n);
    CommonOps_DDRM.multTransA(x, x, scatter);
    DMatrixRMaj xty = new DMatrixRMaj(n, 1);
    CommonOps_DDRM.multTransA(x, residual, xty);
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
    if (!eig.decompose(scatter)) {
      throw new IllegalStateException("the eigendecomposition of the " + n + "×" + n + " scatter did not converge");
    }
    double[] eigenvalues = new double[n];
    DMatrixRMaj vectors = new DMatrixRMaj(n, n);
    double[] projected = new double[n];
    for (int k = 0; k < n; k++) {
      eigenvalues[k] = Math.max(eig.getEigenvalue(k).getReal(), 0); // XᵀX is positive semi-definite
      DMatrixRMaj v = eig.getEigenVector(k);
      double dot = 0;
      for (int s = 0; s < n; s++) {
        vectors.unsafe_set(s, k, v.get(s));
        dot += v.get(s) * xty.get(s);
      }
      projected[k] = dot;
    }
    NullDirections.drop(eigenvalues, projected);
    return new CoordinateRidgePath(centroid, mean, eigenvalues, vectors, projected);
  }

  /** The fit at one α (positive). */
  public CoordinateRidge at(double alpha) {
    requirePositive(alpha);
    int n = eigenvalues.length;
    double[] weights = new double[n];
    for (int k = 0; k < n; k++) {
      double scaled = projected[k] / (eigenvalues[k] + alpha);
      for (int s = 0; s < n; s++) {
        weights[s] += vectors.unsafe_get(s, k) * scaled;
      }
    }
    return new CoordinateRidge(weights, centroid, intercept);
  }

  /**
   * Predictions of several models for several α.
   *
   * @param coordinates one row per predicted model: its coordinates
   * @return [α index][model index]
   */
  public double[][] predict(double[][] coordinates, double[] alphas) {
    int n = eigenvalues.length;
    int t = coordinates.length;
    DMatrixRMaj centred = new DMatrixRMaj(t, n);
    for (int j = 0; j < t; j++) {
      if (coordinates[j].length != n) {
        throw new IllegalArgumentException(coordinates[j].length + " coordinates for a fit on " + n);
      }
      for (int s = 0; s < n; s++) {
        centred.unsafe_set(j, s, coordinates[j][s] - centroid[s]);
      }
    }
    DMatrixRMaj xw = new DMatrixRMaj(t, n);
    CommonOps_DDRM.mult(centred, vectors, xw);
    double[][] predictions = new double[alphas.length][t];
    for (int a = 0; a < alphas.length; a++) {
      requirePositive(alphas[a]);
      for (int j = 0; j < t; j++) {
        double sum = intercept;
        for (int k = 0; k < n; k++) {
          sum += xw.unsafe_get(j, k) * projected[k] / (eigenvalues[k] + alphas[a]);
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
