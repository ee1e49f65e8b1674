package io.modelmap.eval.bench;

import io.modelmap.math.KlDivergence;

/**
 * What a notebook user does when one model arrives: double-centre L from scratch, then every
 * pairwise KL (eq. 3), each pair once. Timed, and kept as the reference the streamed outputs are
 * checked against.
 *
 * @param klNats K×K matrix of KL in nats per text
 * @param columnMeans ξ̄
 * @param nanos time the recompute took
 */
public record NotebookRecompute(double[][] klNats, double[] columnMeans, long nanos) {

  /** Centres {@code l} [K × N] and computes every pairwise KL with scalar loops, timed. */
  public static NotebookRecompute of(double[][] l) {
    long started = System.nanoTime();
    int k = l.length;
    CentredRows centred = CentredRows.of(l);
    double[][] q = centred.q();
    double[][] kl = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        kl[i][j] = KlDivergence.fromCoordinates(q[i], q[j]);
        kl[j][i] = kl[i][j];
      }
    }
    return new NotebookRecompute(kl, centred.columnMeans(), System.nanoTime() - started);
  }
}
