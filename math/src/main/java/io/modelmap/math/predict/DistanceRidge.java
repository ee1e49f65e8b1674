package io.modelmap.math.predict;

/**
 * Ridge regression with an unpenalised intercept on model coordinates q_i, fitted in its dual form
 * from squared distances alone (modelmap §5; DESIGN.md §3b): centred over the training models T the
 * fit needs only their Gram G_T = −½·H·D²_T·H (classical scaling), so it costs O(|T|³) per fit and
 * O(|T|) per prediction and never touches the K×N coordinates. {@link RidgePath} fits it for many α at once.
 *
 * <p>Solves (G_T + αI)c = y − ȳ; model j is predicted as ȳ + Σ_{i∈T} c_i·g_ji with
 * g_ji = −½(D²_ji − mean_k D²_jk − mean_k D²_ik + mean_kl D²_kl), k, l ∈ T. This equals primal ridge on
 * Q with the same α, for models inside T and outside it ({@link CoordinateRidge}, the form
 * {@link RidgeSolver} picks when |T| is well above the number of coordinates). Distances may be of any scaling of Q
 * (‖q_i − q_j‖²/N = 2·KL_ij, say); α is then in that scaling's units.
 */
public final class DistanceRidge implements FittedRidge {
  private final double[] coefficients;
  private final double[] trainRowMeans;
  private final double trainGrandMean;
  private final double intercept;

  DistanceRidge(double[] coefficients, double[] trainRowMeans, double trainGrandMean, double intercept) {
    this.coefficients = coefficients;
    this.trainRowMeans = trainRowMeans;
    this.trainGrandMean = trainGrandMean;
    this.intercept = intercept;
  }

  /**
   * @param trainSquaredDistances |T|×|T| squared distances among the training models, symmetric, zero diagonal
   * @param y their observed scores, in the same order
   * @param alpha the ridge penalty, positive
   */
  public static DistanceRidge fit(double[][] trainSquaredDistances, double[] y, double alpha) {
    return RidgePath.of(trainSquaredDistances, y).at(alpha);
  }

  /** The prediction for a model whose squared distances to the training models, in their order, are given. */
  @Override
  public double predict(double[] squaredDistancesToTrain) {
    int m = coefficients.length;
    if (squaredDistancesToTrain.length != m) {
      throw new IllegalArgumentException(squaredDistancesToTrain.length + " distances for " + m + " training models");
    }
    double ownMean = 0;
    for (double d : squaredDistancesToTrain) {
      ownMean += d;
    }
    ownMean /= m;
    double prediction = intercept;
    for (int i = 0; i < m; i++) {
      double g = -0.5 * (squaredDistancesToTrain[i] - ownMean - trainRowMeans[i] + trainGrandMean);
      prediction += coefficients[i] * g;
    }
    return prediction;
  }

  @Override
  public double intercept() {
    return intercept;
  }
}
