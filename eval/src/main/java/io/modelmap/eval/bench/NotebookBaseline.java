package io.modelmap.eval.bench;

import io.modelmap.math.BatchReference;
import io.modelmap.math.KlDivergence;

/**
 * A timed baseline, the scalar loops: what a notebook user does when one model arrives, double-centre
 * L from scratch (as the {@link BatchReference reference} does), then every pairwise KL (eq. 3) with
 * scalar loops, each pair once. The benchmark times it; it is not the reference.
 *
 * @param klNats K×K matrix of KL in nats per text
 * @param columnMeans ξ̄
 * @param nanos time the recompute took
 */
public record NotebookBaseline(double[][] klNats, double[] columnMeans, long nanos) {

  /** Centres {@code l} [K × N] and computes every pairwise KL with scalar loops, timed. */
  public static NotebookBaseline of(double[][] l) {
    long started = System.nanoTime();
    int k = l.length;
    BatchReference centred = BatchReference.of(l);
    double[][] q = centred.q();
    double[][] kl = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        kl[i][j] = KlDivergence.fromCoordinates(q[i], q[j]);
        kl[j][i] = kl[i][j];
      }
    }
    return new NotebookBaseline(kl, centred.columnMeans(), System.nanoTime() - started);
  }
}
