package io.modelmap.math;

/** {@link CentredDistanceKernel} in plain loops: four rows' sums in registers per read of the other row. */
final class ScalarCentredDistances extends CentredDistanceKernel {

  @Override
  double sum(double[] row, double mean, double[] other, double otherMean) {
    double sum = 0;
    for (int s = 0; s < other.length; s++) {
      double d = (row[s] - mean) - (other[s] - otherMean);
      sum += d * d;
    }
    return sum;
  }

  @Override
  void four(double[][] rows, double[] means, int b, double[] other, double otherMean, double[] out) {
    double[] r0 = rows[b];
    double[] r1 = rows[b + 1];
    double[] r2 = rows[b + 2];
    double[] r3 = rows[b + 3];
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
    out[b] = s0;
    out[b + 1] = s1;
    out[b + 2] = s2;
    out[b + 3] = s3;
  }

  @Override
  String description() {
    return "scalar";
  }
}
