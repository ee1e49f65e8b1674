package io.modelmap.math.predict;

import org.ejml.data.DMatrixRMaj;

/**
 * {@link DistanceRidge} for every α at once: one eigendecomposition G_T = V·Λ·Vᵀ of the training Gram,
 * then c(α) = V·(Λ + αI)⁻¹·Vᵀ(y − ȳ). Choosing α over a grid costs one O(|T|³) decomposition per
 * training set instead of one solve per candidate, and predicting t held-out models for all
 * candidates costs O(t·|T|²) once plus O(t·|T|) per candidate.
 */
public final class RidgePath {
  private final double[] rowMeans;
  private final double grandMean;
  private final RidgeSpectrum spectrum; // of G_T, with b = y − ȳ

  private RidgePath(double[] rowMeans, double grandMean, RidgeSpectrum spectrum) {
    this.rowMeans = rowMeans;
    this.grandMean = grandMean;
    this.spectrum = spectrum;
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
    double[] residual = new double[m];
    for (int i = 0; i < m; i++) {
      residual[i] = y[i] - mean;
    }
    return new RidgePath(rowMeans, grand, RidgeSpectrum.of(gram, residual, mean, "training Gram"));
  }

  /** The fit at one α (positive). */
  public DistanceRidge at(double alpha) {
    return new DistanceRidge(spectrum.solution(alpha), rowMeans, grandMean, spectrum.intercept());
  }

  /**
   * Predictions of several models for several α.
   *
   * @param squaredDistancesToTrain one row per predicted model: its squared distances to the training models
   * @return [α index][model index]
   */
  public double[][] predict(double[][] squaredDistancesToTrain, double[] alphas) {
    int m = rowMeans.length;
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
    return spectrum.predict(g, alphas);
  }
}
