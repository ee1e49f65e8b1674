package io.modelmap.math.predict;

/**
 * The rule both ridge paths share for eigen-directions of a rank-deficient Gram or scatter: an
 * eigenvalue within rounding of zero (at most dimension · ε · the largest) belongs to the null space,
 * where the exact fit has no component (the dual's predicted rows, the primal's Xᵀ(y − ȳ), are
 * orthogonal to it). Left in, its rounding noise divided by a small α reaches the predictions (1e-8 at
 * α = 10^-8 of the scale with |T| = 4·N); dropped, dual and primal agree to rounding (1e-15).
 */
final class NullDirections {
  private NullDirections() {}

  /** Zeroes {@code projected[k]} wherever {@code eigenvalues[k]} is numerically zero. */
  static void drop(double[] eigenvalues, double[] projected) {
    double largest = 0;
    for (double lambda : eigenvalues) {
      largest = Math.max(largest, lambda);
    }
    double zero = largest * eigenvalues.length * Math.ulp(1.0);
    for (int k = 0; k < eigenvalues.length; k++) {
      if (eigenvalues[k] <= zero) {
        projected[k] = 0;
      }
    }
  }
}
