package io.modelmap.math;

/**
 * The inner loop of eq. 3, Σ_s ((ℓ_bs − ℓ̄_b) − (ℓ_js − ℓ̄_j))², from each row of a block to one other row.
 * A completion spends nearly all its time here (K·N per model), so where the JVM has the Vector API
 * ({@code --add-modules jdk.incubator.vector}, which the aggregator's launchers pass) it runs on SIMD
 * lanes, and as scalar loops elsewhere. In either kernel a row's sum takes the same operations alone or in
 * a block, so batching completions never changes a distance; the two kernels differ from each other only
 * by rounding (fused multiply-adds and lane order).
 */
abstract class CentredDistanceKernel {
  static final String VECTOR_MODULE = "jdk.incubator.vector";

  /** The vector kernel when its module is in the boot layer, else the scalar one. */
  static CentredDistanceKernel best() {
    if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
      return new ScalarCentredDistances();
    }
    try { // by name: without the module this class must never be linked
      return (CentredDistanceKernel) Class.forName("io.modelmap.math.VectorCentredDistances")
          .getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      return new ScalarCentredDistances();
    }
  }

  /** The sum for one row. */
  abstract double sum(double[] row, double mean, double[] other, double otherMean);

  /** The sums for rows[0..count) into out[0..count): four rows per read of {@code other}, the rest one by one. */
  final void sums(double[][] rows, double[] means, int count, double[] other, double otherMean, double[] out) {
    int b = 0;
    for (; b + 4 <= count; b += 4) {
      four(rows, means, b, other, otherMean, out);
    }
    for (; b < count; b++) {
      out[b] = sum(rows[b], means[b], other, otherMean);
    }
  }

  /** The sums for rows b..b+3 into out[b..b+3], each exactly what {@link #sum} gives for that row. */
  abstract void four(double[][] rows, double[] means, int b, double[] other, double otherMean, double[] out);

  /** How the kernel runs, for the logs: "scalar" or "vector (N lanes)". */
  abstract String description();
}
