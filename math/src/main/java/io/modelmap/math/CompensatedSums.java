package io.modelmap.math;

/**
 * A vector of running sums kept as unevaluated pairs hi + lo (Knuth's TwoSum: each addition's rounding
 * error is carried in lo), so adding K vectors costs O(N) each and the result is the exact sum to about
 * K·2⁻¹⁰⁶ of its magnitude. Rounded once at the end it equals the correctly rounded sum in any order of
 * addition, barring a tie closer than that, which is how ξ̄ stays independent of arrival order while
 * each completion adds one row instead of summing all K.
 */
public final class CompensatedSums {
  private final double[] hi;
  private final double[] lo;
  private int count;

  public CompensatedSums(int length) {
    hi = new double[length];
    lo = new double[length];
  }

  /** Adds {@code values − offset}, element-wise (a row of L less its mean: ξ_i). */
  public void add(double[] values, double offset) {
    if (values.length != hi.length) {
      throw new IllegalArgumentException("vectors differ in length: " + values.length + " vs " + hi.length);
    }
    for (int s = 0; s < hi.length; s++) {
      double x = values[s] - offset;
      double sum = hi[s] + x;
      double virtual = sum - hi[s];
      lo[s] += (hi[s] - (sum - virtual)) + (x - virtual);
      hi[s] = sum;
    }
    count++;
  }

  public int count() {
    return count;
  }

  /** Each sum, rounded once (hi + lo): what a shard of a corpus contributes to the corpus's ξ̄. */
  public double[] sums() {
    double[] sums = new double[hi.length];
    for (int s = 0; s < hi.length; s++) {
      sums[s] = hi[s] + lo[s];
    }
    return sums;
  }

  /** Each sum divided by the number of vectors added. */
  public double[] means() {
    double[] means = new double[hi.length];
    for (int s = 0; s < hi.length; s++) {
      means[s] = (hi[s] + lo[s]) / count;
    }
    return means;
  }
}
