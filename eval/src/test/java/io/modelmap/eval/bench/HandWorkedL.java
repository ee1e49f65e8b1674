package io.modelmap.eval.bench;

/**
 * A 3 × 3 log-likelihood matrix worked by hand, shared by the baseline tests.
 *
 * <pre>
 * L = [[1, 2, 3], [3, 3, 6], [2, 0, 1]]      row means 2, 4, 1
 * ξ = [[-1, 0, 1], [-1, -1, 2], [1, -1, 0]]   ξ̄ = (-1/3, -2/3, 1)
 * q = [[-2/3, 2/3, 0], [-2/3, -1/3, 1], [4/3, -1/3, -1]]   (every column sums to 0)
 * q0 − q1 = (0, 1, −1): ‖·‖² = 2, KL01 = 2 / (2·3) = 1/3
 * q0 − q2 = (−2, 1, 1): ‖·‖² = 6, KL02 = 1
 * q1 − q2 = (−2, 0, 2): ‖·‖² = 8, KL12 = 4/3
 * </pre>
 */
final class HandWorkedL {
  static final double[][] L = {{1, 2, 3}, {3, 3, 6}, {2, 0, 1}};
  static final double[] COLUMN_MEANS = {-1.0 / 3, -2.0 / 3, 1};
  static final double[][] Q = {{-2.0 / 3, 2.0 / 3, 0}, {-2.0 / 3, -1.0 / 3, 1}, {4.0 / 3, -1.0 / 3, -1}};
  static final double[][] KL = {{0, 1.0 / 3, 1}, {1.0 / 3, 0, 4.0 / 3}, {1, 4.0 / 3, 0}};

  private HandWorkedL() {}
}
