package io.modelmap.math.embed;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A linear map from model embeddings to a benchmark score (EmbedLLM §5.3's probe): ridge with
 * intercept on features standardised over the training models, penalty λ on the standardised weights.
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
    RealMatrix gram = new Array2DRowRealMatrix(d, d);
    ArrayRealVector rhs = new ArrayRealVector(d);
    for (int i = 0; i < n; i++) {
      double[] z = standardised(x[i], mean, scale);
      for (int a = 0; a < d; a++) {
        rhs.addToEntry(a, z[a] * (y[i] - yMean));
        for (int b = 0; b < d; b++) {
          gram.addToEntry(a, b, z[a] * z[b]);
        }
      }
    }
    for (int a = 0; a < d; a++) {
      gram.addToEntry(a, a, lambda);
    }
    double[] w = new CholeskyDecomposition(gram).getSolver().solve(rhs).toArray();
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
