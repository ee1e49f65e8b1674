package io.modelmap.eval.bench;

import java.util.Random;

/** A seeded random log-likelihood matrix for checking a baseline against the batch reference. */
final class RandomL {
  private RandomL() {}

  /** K × N values around −3 nats, seeded. */
  static double[][] of(int k, int n, long seed) {
    Random random = new Random(seed);
    double[][] l = new double[k][n];
    for (double[] row : l) {
      for (int s = 0; s < n; s++) {
        row[s] = -3 + random.nextGaussian();
      }
    }
    return l;
  }
}
