package io.modelmap.math.embed;

/**
 * A linear map from model embeddings to a benchmark score (EmbedLLM §5.3's probe): ridge with
 * intercept on features standardised over the training models, penalty λ on the standardised weights.
 *
 * <p>A primal ridge on standardised features at one λ (solves (ZᵀZ + λI)·w = Zᵀ(y − ȳ), d×d by Cholesky).
 * Ridge from Q is another mechanism: unstandardised coordinates, every α of a grid from one
 * eigendecomposition, dual or primal by size ({@link io.modelmap.math.predict.RidgeSolver}); it shares
 * nothing with this small probe but the formula.
 */
public final class EmbeddingRidge {
  private final double[] mean;
  private final double[] scale;
  private final double[] weights;
  private final double intercept;

  private EmbeddingRidge(double[] mean, double[] scale, double[] weights, double intercept) {
    this.mean = mean;
    this.scale = scale;
    this.weights = weights;
    this.intercept = intercept;
  }

  /** Fits rows {@code x} (one per training model) to {@code y}. */
  public static EmbeddingRidge fit(double[][] x, double[] y, double lambda) {
    int n = y.length;
    int d = x[0].length;
    double[] mean = new double[d];
    double[] scale = new double[d];
    for (int k = 0; k < d; k++) {
      for (double[] row : x) {
        mean[k] += row[k] / n;
      }
      double variance = 0;
      for (double[] row : x) {
        variance += (row[k] - mean[k]) * (row[k] - mean[k]) / n;
      }
      scale[k] = variance > 1e-24 ? Math.sqrt(variance) : 1;
    }
    double yMean = 0;
    for (double v : y) {
      yMean += v / n;
    }
    double[][] gram = new double[d][d];
    double[] rhs = new double[d];
    for (int i = 0; i < n; i++) {
      double[] z = standardised(x[i], mean, scale);
      for (int a = 0; a < d; a++) {
        rhs[a] += z[a] * (y[i] - yMean);
        for (int b = 0; b < d; b++) {
          gram[a][b] += z[a] * z[b];
        }
      }
    }
    for (int a = 0; a < d; a++) {
      gram[a][a] += lambda;
    }
    double[] w = CholeskySolve.solve(gram, rhs);
    return new EmbeddingRidge(mean, scale, w, yMean);
  }

  public double predict(double[] embedding) {
    double[] z = standardised(embedding, mean, scale);
    double p = intercept;
    for (int a = 0; a < z.length; a++) {
      p += weights[a] * z[a];
    }
    return p;
  }

  private static double[] standardised(double[] row, double[] mean, double[] scale) {
    double[] z = new double[row.length];
    for (int k = 0; k < row.length; k++) {
      z[k] = (row[k] - mean[k]) / scale[k];
    }
    return z;
  }
}
