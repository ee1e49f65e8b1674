package io.modelmap.math;

/**
 * KL estimates between models from their log-likelihood vectors (modelmap paper §2.4, eq. 2–3).
 */
public final class KlDivergence {
  private static final double LN_2 = Math.log(2);

  private KlDivergence() {}

  /**
   * Eq. 3: 2·KL(p_i, p_j) ≈ ‖q_i − q_j‖² / N. Takes ξ or q rows alike, since ‖q_i − q_j‖ = ‖ξ_i − ξ_j‖.
   */
  public static double fromCoordinates(double[] rowI, double[] rowJ) {
    return Vectors.squaredDistance(rowI, rowJ) / (2.0 * rowI.length);
  }

  /**
   * Eq. 3 from complete rows of L and their means, without materialising ξ: the same floating-point
   * operations as {@link #fromCoordinates} on ξ_i = ℓ_i − ℓ̄_i, so both give identical results.
   */
  public static double fromRows(double[] logLikI, double meanI, double[] logLikJ, double meanJ) {
    Vectors.requireSameLength(logLikI, logLikJ);
    double sum = 0;
    for (int s = 0; s < logLikI.length; s++) {
      double d = (logLikI[s] - meanI) - (logLikJ[s] - meanJ);
      sum += d * d;
    }
    return sum / (2.0 * logLikI.length);
  }

  /**
   * Eq. 2 on the texts both models have scored: half the sample variance (denominator n, the
   * paper's sample variance) of ℓ_is − ℓ_js. Missing scores are {@code NaN}. With complete rows this
   * is {@link #fromCoordinates} of the row-centred vectors.
   */
  public static KlEstimate fromOverlap(double[] logLikI, double[] logLikJ) {
    Vectors.requireSameLength(logLikI, logLikJ);
    int n = 0;
    double sum = 0;
    for (int s = 0; s < logLikI.length; s++) {
      if (!Double.isNaN(logLikI[s]) && !Double.isNaN(logLikJ[s])) {
        sum += logLikI[s] - logLikJ[s];
        n++;
      }
    }
    if (n == 0) {
      return new KlEstimate(Double.NaN, 0);
    }
    double mean = sum / n;
    double squares = 0;
    for (int s = 0; s < logLikI.length; s++) {
      if (!Double.isNaN(logLikI[s]) && !Double.isNaN(logLikJ[s])) {
        double d = logLikI[s] - logLikJ[s] - mean;
        squares += d * d;
      }
    }
    return new KlEstimate(squares / n / 2.0, n);
  }

  /** KL in nats per text to bits per byte: divide by the mean UTF-8 text length and by ln 2. */
  public static double toBitsPerByte(double klNats, double meanTextBytes) {
    if (!(meanTextBytes > 0)) {
      throw new IllegalArgumentException("mean text length must be positive, was " + meanTextBytes);
    }
    return klNats / meanTextBytes / LN_2;
  }
}
