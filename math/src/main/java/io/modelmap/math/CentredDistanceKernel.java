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

  /** The sums for rows[0..count) into out[0..count), reading {@code other} once per few rows. */
  abstract void sums(double[][] rows, double[] means, int count, double[] other, double otherMean, double[] out);

  /** How the kernel runs, for the logs: "scalar" or "vector (N lanes)". */
  abstract String description();
}
