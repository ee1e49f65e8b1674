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
   * {@link #fromRows} from each of several rows to one other row, in one pass over the other row: the
   * same floating-point operations per pair, so identical results, but the other row is read from memory
   * once for the whole block (at K = 10,000 a completion's O(K·N) pass is bound by memory, not arithmetic).
   *
   * @param out receives KL(rows[b], other) at index b
   */
  public static void fromRowsBlock(double[][] rows, double[] means, int count, double[] other, double otherMean,
      double[] out) {
    int b = 0;
    for (; b + 4 <= count; b += 4) {
      fourRows(rows, means, b, other, otherMean, out);
    }
    for (; b < count; b++) {
      out[b] = fromRows(rows[b], means[b], other, otherMean);
    }
  }

  /** Rows b..b+3 against {@code other}: four sums in registers, one read of {@code other}. */
  private static void fourRows(double[][] rows, double[] means, int b, double[] other, double otherMean, double[] out) {
    double[] r0 = rows[b];
    double[] r1 = rows[b + 1];
    double[] r2 = rows[b + 2];
    double[] r3 = rows[b + 3];
    Vectors.requireSameLength(r0, other);
    Vectors.requireSameLength(r1, other);
    Vectors.requireSameLength(r2, other);
    Vectors.requireSameLength(r3, other);
    double m0 = means[b];
    double m1 = means[b + 1];
    double m2 = means[b + 2];
    double m3 = means[b + 3];
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    for (int s = 0; s < other.length; s++) {
      double centredOther = other[s] - otherMean;
      double d0 = (r0[s] - m0) - centredOther;
      double d1 = (r1[s] - m1) - centredOther;
      double d2 = (r2[s] - m2) - centredOther;
      double d3 = (r3[s] - m3) - centredOther;
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    double twiceN = 2.0 * other.length;
    out[b] = s0 / twiceN;
    out[b + 1] = s1 / twiceN;
    out[b + 2] = s2 / twiceN;
    out[b + 3] = s3 / twiceN;
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
