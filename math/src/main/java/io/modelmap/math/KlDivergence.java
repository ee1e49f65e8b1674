package io.modelmap.math;

/**
 * KL estimates between models from their log-likelihood vectors (modelmap paper §2.4, eq. 2–3).
 */
public final class KlDivergence {
  private static final double LN_2 = Math.log(2);
  private static final CentredDistanceKernel KERNEL = CentredDistanceKernel.best();

  private KlDivergence() {}

  /**
   * Eq. 3: 2·KL(p_i, p_j) ≈ ‖q_i − q_j‖² / N. Takes ξ or q rows alike, since ‖q_i − q_j‖ = ‖ξ_i − ξ_j‖.
   */
  public static double fromCoordinates(double[] rowI, double[] rowJ) {
    return Vectors.squaredDistance(rowI, rowJ) / (2.0 * rowI.length);
  }

  /**
   * Eq. 3 from complete rows of L and their means, without materialising ξ: ‖ξ_i − ξ_j‖² / 2N with
   * ξ_i = ℓ_i − ℓ̄_i, summed by {@link #kernelDescription() the kernel} this JVM runs.
   */
  public static double fromRows(double[] logLikI, double meanI, double[] logLikJ, double meanJ) {
    Vectors.requireSameLength(logLikI, logLikJ);
    return KERNEL.sum(logLikI, meanI, logLikJ, meanJ) / (2.0 * logLikI.length);
  }

  /**
   * {@link #fromRows} from each of several rows to one other row, in one pass over the other row: the
   * same operations per pair, so identical results, but the other row is read from memory once for a few
   * rows (at K = 10,000 a completion's O(K·N) pass is bound by memory and arithmetic, not bookkeeping).
   *
   * @param out receives KL(rows[b], other) at index b
   */
  public static void fromRowsBlock(double[][] rows, double[] means, int count, double[] other, double otherMean,
      double[] out) {
    for (int b = 0; b < count; b++) {
      Vectors.requireSameLength(rows[b], other);
    }
    KERNEL.sums(rows, means, count, other, otherMean, out);
    double twiceN = 2.0 * other.length;
    for (int b = 0; b < count; b++) {
      out[b] /= twiceN;
    }
  }

  /** Which kernel sums eq. 3 in this JVM ("vector (N lanes)" or "scalar"), for the logs. */
  public static String kernelDescription() {
    return KERNEL.description();
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
