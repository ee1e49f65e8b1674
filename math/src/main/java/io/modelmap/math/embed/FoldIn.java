package io.modelmap.math.embed;

import java.util.List;

/**
 * A new model's embedding fitted alone, everything else frozen (EmbedLLM with a model added): with
 * the decoder's features f_q = w ⊙ W x_q fixed, P(correct) = σ(e · f_q + b) is a logistic regression
 * in e. With an L2 penalty λ/2 ‖e‖² it is strictly convex, so Newton's method finds its one optimum.
 */
public final class FoldIn {
  private static final int MAX_ITERATIONS = 100;
  private static final double TOLERANCE = 1e-10;

  private FoldIn() {}

  /** The embedding for the model whose answers are {@code correct} on questions with {@code features}. */
  public static double[] embedding(List<double[]> features, boolean[] correct, double bias, double lambda) {
    if (features.isEmpty() || features.size() != correct.length) {
      throw new IllegalArgumentException("one correctness per question and at least one question");
    }
    int d = features.get(0).length;
    double[] e = new double[d];
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double[] gradient = new double[d];
      double[][] hessian = new double[d][d];
      for (int k = 0; k < d; k++) {
        gradient[k] = lambda * e[k];
        hessian[k][k] = lambda;
      }
      for (int q = 0; q < correct.length; q++) {
        double[] f = features.get(q);
        double z = bias;
        for (int k = 0; k < d; k++) {
          z += e[k] * f[k];
        }
        double p = 1 / (1 + Math.exp(-z));
        double residual = p - (correct[q] ? 1 : 0);
        double weight = p * (1 - p);
        for (int a = 0; a < d; a++) {
          gradient[a] += residual * f[a];
          for (int b = a; b < d; b++) {
            hessian[a][b] += weight * f[a] * f[b];
          }
        }
      }
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < a; b++) {
          hessian[a][b] = hessian[b][a]; // exactly symmetric, as a Cholesky factorisation assumes
        }
      }
      double[] step = CholeskySolve.solve(hessian, gradient);
      double stepSquared = 0;
      for (int k = 0; k < d; k++) {
        e[k] -= step[k];
        stepSquared += step[k] * step[k];
      }
      if (Math.sqrt(stepSquared) < TOLERANCE) {
        break;
      }
    }
    return e;
  }
}
