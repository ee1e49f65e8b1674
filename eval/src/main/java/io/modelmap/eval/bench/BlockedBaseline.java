package io.modelmap.eval.bench;

import io.modelmap.math.BatchReference;

/**
 * A timed baseline, the best batch recompute in Java (the one that counts when no NumPy is at hand):
 * centring as the {@link BatchReference reference} does,
 * then the Gram Q·Qᵀ by a cache-blocked, register-tiled product on every core ({@link BlockedGram}), and
 * every KL from it,
 * KL_ij = (g_ii + g_jj − 2·g_ij) / 2N (eq. 3).
 *
 * @param klNats K×K
 */
public record BlockedBaseline(double[][] klNats, long nanos) {

  /** Centres {@code l} [K × N] and computes every KL through the blocked Gram, timed. */
  public static BlockedBaseline of(double[][] l) {
    long started = System.nanoTime();
    int k = l.length;
    int n = l[0].length;
    BatchReference centred = BatchReference.of(l);
    double[][] q = centred.q();
    double[][] gram = BlockedGram.of(q);
    double[][] kl = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        kl[i][j] = i == j ? 0 : (gram[i][i] + gram[j][j] - 2 * gram[i][j]) / (2.0 * n);
      }
    }
    return new BlockedBaseline(kl, System.nanoTime() - started);
  }
}
