package io.modelmap.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link CentredDistanceKernel} on the Vector API: each row sums into its own register of lanes with fused
 * multiply-adds, four rows per read of the other row; the lanes are then added in index order (not
 * {@code reduceLanes}, whose order is unspecified) and the tail after them, so a row's sum is the same
 * alone or in a block, compiled or interpreted. Loaded by name from {@link CentredDistanceKernel#best}.
 */
final class VectorCentredDistances extends CentredDistanceKernel {
  private static final VectorSpecies<Double> LANES = DoubleVector.SPECIES_PREFERRED;

  @Override
  double sum(double[] row, double mean, double[] other, double otherMean) {
    DoubleVector acc = DoubleVector.zero(LANES);
    int bound = LANES.loopBound(other.length);
    for (int s = 0; s < bound; s += LANES.length()) {
      DoubleVector d = centred(row, mean, s).sub(centred(other, otherMean, s));
      acc = d.fma(d, acc);
    }
    return total(acc, row, mean, other, otherMean, bound);
  }

  @Override
  void four(double[][] rows, double[] means, int b, double[] other, double otherMean, double[] out) {
    double[] r0 = rows[b];
    double[] r1 = rows[b + 1];
    double[] r2 = rows[b + 2];
    double[] r3 = rows[b + 3];
    DoubleVector a0 = DoubleVector.zero(LANES);
    DoubleVector a1 = a0;
    DoubleVector a2 = a0;
    DoubleVector a3 = a0;
    int bound = LANES.loopBound(other.length);
    for (int s = 0; s < bound; s += LANES.length()) {
      DoubleVector c = centred(other, otherMean, s);
      DoubleVector d0 = centred(r0, means[b], s).sub(c);
      a0 = d0.fma(d0, a0);
      DoubleVector d1 = centred(r1, means[b + 1], s).sub(c);
      a1 = d1.fma(d1, a1);
      DoubleVector d2 = centred(r2, means[b + 2], s).sub(c);
      a2 = d2.fma(d2, a2);
      DoubleVector d3 = centred(r3, means[b + 3], s).sub(c);
      a3 = d3.fma(d3, a3);
    }
    out[b] = total(a0, r0, means[b], other, otherMean, bound);
    out[b + 1] = total(a1, r1, means[b + 1], other, otherMean, bound);
    out[b + 2] = total(a2, r2, means[b + 2], other, otherMean, bound);
    out[b + 3] = total(a3, r3, means[b + 3], other, otherMean, bound);
  }

  private static DoubleVector centred(double[] row, double mean, int from) {
    return DoubleVector.fromArray(LANES, row, from).sub(mean);
  }

  /** The lanes in index order, then the texts after the last full vector. */
  private static double total(DoubleVector acc, double[] row, double mean, double[] other, double otherMean, int from) {
    double sum = 0;
    for (double lane : acc.toArray()) {
      sum += lane;
    }
    for (int s = from; s < other.length; s++) {
      double d = (row[s] - mean) - (other[s] - otherMean);
      sum = Math.fma(d, d, sum);
    }
    return sum;
  }

  @Override
  String description() {
    return "vector (" + LANES.length() + " lanes)";
  }
}
