package io.modelmap.math.predict;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * {@link CoordinateRidge} for every α at once, as {@link RidgePath} is for the dual: one
 * eigendecomposition of the N×N scatter XᵀX = W·Λ·Wᵀ (X the training rows centred over T), then
 * w(α) = W·(Λ + αI)⁻¹·Wᵀ·Xᵀ(y − ȳ). XᵀX and Xᵀy are sums over models, O(|T|·N²) to form; the
 * decomposition is O(N³) whatever |T| is.
 */
public final class CoordinateRidgePath {
  private final double[] centroid;
  private final RidgeSpectrum spectrum; // of XᵀX, with b = Xᵀ(y − ȳ)

  private CoordinateRidgePath(double[] centroid, RidgeSpectrum spectrum) {
    this.centroid = centroid;
    this.spectrum = spectrum;
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
    double[] rhs = new double[n];
    for (int s = 0; s < n; s++) {
      rhs[s] = xty.get(s);
    }
    return new CoordinateRidgePath(centroid, RidgeSpectrum.of(scatter, rhs, mean, "scatter"));
  }

  /** The fit at one α (positive). */
  public CoordinateRidge at(double alpha) {
    return new CoordinateRidge(spectrum.solution(alpha), centroid, spectrum.intercept());
  }

  /**
   * Predictions of several models for several α.
   *
   * @param coordinates one row per predicted model: its coordinates
   * @return [α index][model index]
   */
  public double[][] predict(double[][] coordinates, double[] alphas) {
    int n = centroid.length;
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
    return spectrum.predict(centred, alphas);
  }
}
