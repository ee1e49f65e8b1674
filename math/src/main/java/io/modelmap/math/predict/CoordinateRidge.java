package io.modelmap.math.predict;

/**
 * Ridge from Q in its primal form: ridge with an unpenalised intercept on the coordinates x_i of the
 * training models T (modelmap §5), w = (XᵀX + αI)⁻¹Xᵀ(y − ȳ) with X the rows centred over T, and model j
 * predicted as ȳ + (x_j − x̄_T)ᵀw. It costs O(|T|·N²) to fit and O(N) per prediction: the form for
 * |T| ≫ N, where the dual {@link DistanceRidge} needs |T|² distances and an O(|T|³) decomposition.
 *
 * <p>Equal to {@link DistanceRidge} at the same α when ‖x_i − x_j‖² is the distance the dual was given
 * (both centre over T and leave the intercept unpenalised, so the intercept is ȳ in both). Because the
 * fit centres over T, adding one vector to every row changes nothing: ξ rows give the same fit as
 * q = ξ − ξ̄ rows.
 */
public final class CoordinateRidge implements FittedRidge {
  private final double[] weights;
  private final double[] trainCentroid;
  private final double intercept;

  CoordinateRidge(double[] weights, double[] trainCentroid, double intercept) {
    this.weights = weights;
    this.trainCentroid = trainCentroid;
    this.intercept = intercept;
  }

  /**
   * @param trainCoordinates one row per training model, N coordinates each
   * @param y their observed scores, in the same order
   * @param alpha the ridge penalty, positive
   */
  public static CoordinateRidge fit(double[][] trainCoordinates, double[] y, double alpha) {
    return CoordinateRidgePath.of(trainCoordinates, y).at(alpha);
  }

  /** The prediction for a model with these coordinates. */
  @Override
  public double predict(double[] coordinates) {
    if (coordinates.length != weights.length) {
      throw new IllegalArgumentException(coordinates.length + " coordinates for a fit on " + weights.length);
    }
    double prediction = intercept;
    for (int s = 0; s < weights.length; s++) {
      prediction += (coordinates[s] - trainCentroid[s]) * weights[s];
    }
    return prediction;
  }

  @Override
  public double intercept() {
    return intercept;
  }
}
