package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * ALiBi: instead of position embeddings, each head adds slope_h · j to the score of key position j
 * (the same as slope_h · (j − i) after the softmax, which ignores a constant per query).
 *
 * @param slopes one per head
 * @param scaled whether the bias is added before the scores are multiplied by the attention scale
 *     (Falcon) rather than after (BLOOM, MPT)
 */
record Alibi(double[] slopes, boolean scaled) {

  /**
   * BLOOM's and Falcon's slopes (build_alibi_tensor): 2^(−8i/n) for i = 1..n with n the largest power of
   * two ≤ heads; the remaining heads take the odd powers of the next power of two's base.
   */
  static double[] bloomSlopes(int heads) {
    int closest = Integer.highestOneBit(heads);
    double[] slopes = new double[heads];
    double base = Math.pow(2, -Math.pow(2, -(log2(closest) - 3)));
    for (int i = 0; i < closest; i++) {
      slopes[i] = Math.pow(base, i + 1);
    }
    if (closest != heads) {
      double extraBase = Math.pow(2, -Math.pow(2, -(log2(2 * closest) - 3)));
      int remaining = Math.min(closest, heads - closest);
      for (int i = 0; i < remaining; i++) {
        slopes[closest + i] = Math.pow(extraBase, 2 * i + 1);
      }
    }
    return slopes;
  }

  /**
   * MPT's slopes (build_mpt_alibi_tensor): 2^(−max·i/m) for i = 1..m, m the next power of two ≥ heads;
   * when m ≠ heads, the odd-indexed slopes then the even-indexed ones, the first {@code heads} kept.
   */
  static double[] mptSlopes(int heads, double biasMax) {
    int powerOfTwo = Integer.highestOneBit(heads) == heads ? heads : Integer.highestOneBit(heads) * 2;
    double[] all = new double[powerOfTwo];
    for (int i = 0; i < powerOfTwo; i++) {
      all[i] = 1.0 / Math.pow(2, (i + 1) * (biasMax / powerOfTwo));
    }
    if (powerOfTwo == heads) {
      return all;
    }
    double[] reordered = new double[heads];
    int n = 0;
    for (int i = 1; i < powerOfTwo && n < heads; i += 2) {
      reordered[n++] = all[i];
    }
    for (int i = 0; i < powerOfTwo && n < heads; i += 2) {
      reordered[n++] = all[i];
    }
    return reordered;
  }

  private static double log2(int n) {
    return Math.log(n) / Math.log(2);
  }

  /** The bias [heads, 1, length]: slope_h · j for key position j. */
  NDArray bias(NDManager m, int length) {
    float[] bias = new float[slopes.length * length];
    for (int h = 0; h < slopes.length; h++) {
      for (int j = 0; j < length; j++) {
        bias[h * length + j] = (float) (slopes[h] * j);
      }
    }
    return m.create(bias, new Shape(slopes.length, 1, length));
  }
}
