package io.modelmap.math;

/** Small dense-vector helpers on primitive arrays; summation always runs in index order. */
public final class Vectors {
  private Vectors() {}

  /** Arithmetic mean of all values. */
  public static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /** Returns {@code values - offset}, element-wise. */
  public static double[] minus(double[] values, double offset) {
    double[] out = new double[values.length];
    for (int s = 0; s < values.length; s++) {
      out[s] = values[s] - offset;
    }
    return out;
  }

  /** Returns {@code a - b}, element-wise. */
  public static double[] minus(double[] a, double[] b) {
    requireSameLength(a, b);
    double[] out = new double[a.length];
    for (int s = 0; s < a.length; s++) {
      out[s] = a[s] - b[s];
    }
    return out;
  }

  /** Squared Euclidean distance ‖a − b‖². */
  public static double squaredDistance(double[] a, double[] b) {
    requireSameLength(a, b);
    double sum = 0;
    for (int s = 0; s < a.length; s++) {
      double d = a[s] - b[s];
      sum += d * d;
    }
    return sum;
  }

  static void requireSameLength(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("vectors differ in length: " + a.length + " vs " + b.length);
    }
  }
}
