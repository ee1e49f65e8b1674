package io.modelmap.math;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * The batch computation a notebook user runs over the complete K×N matrix L (modelmap paper §2):
 * optional clipping, double centring, every pairwise KL. The one reference every correctness check
 * uses: the streaming aggregator, the exporters and the benchmark's baselines must equal it.
 *
 * <p>It keeps only L, the row means and ξ̄: rows of ξ and q are made on demand (at K = 10,000 a
 * stored Q would be another 800 MB beside L), each in one pass, q_is = (ℓ_is − ℓ̄_i) − ξ̄_s.
 */
public final class BatchReference {
  private final double[][] logLikelihoods;
  private final double[] rowMeans;
  private final double[] columnMeans;

  private BatchReference(double[][] logLikelihoods) {
    this.logLikelihoods = logLikelihoods;
    int k = logLikelihoods.length;
    this.rowMeans = new double[k];
    for (int i = 0; i < k; i++) {
      rowMeans[i] = Vectors.mean(logLikelihoods[i]);
    }
    this.columnMeans = DoubleCentering.columnMeans(new AbstractList<>() { // ξ rows made one at a time as the sum walks them
      @Override
      public double[] get(int i) {
        return xi(i);
      }

      @Override
      public int size() {
        return k;
      }
    });
  }

  /** Centres L as it is (L is read, not copied: leave it unchanged). */
  public static BatchReference of(double[][] logLikelihoods) {
    if (logLikelihoods.length == 0) {
      throw new IllegalArgumentException("the batch reference needs at least one model");
    }
    return new BatchReference(logLikelihoods);
  }

  /** Clips L at its global q-quantile first (paper: q = 0.02). */
  public static BatchReference clipped(double[][] logLikelihoods, double quantile) {
    double floor = QuantileClipping.threshold(logLikelihoods, quantile);
    double[][] clipped = new double[logLikelihoods.length][];
    for (int i = 0; i < clipped.length; i++) {
      clipped[i] = QuantileClipping.clip(logLikelihoods[i], floor);
    }
    return new BatchReference(clipped);
  }

  /** K, the number of models. */
  public int models() {
    return logLikelihoods.length;
  }

  /** L after optional clipping. */
  public double[] logLikelihoods(int model) {
    return logLikelihoods[model].clone();
  }

  /** ℓ̄_i, the mean log-likelihood of model i (after clipping when enabled). */
  public double rowMean(int model) {
    return rowMeans[model];
  }

  /** ξ_i, row-centred. */
  public double[] xi(int model) {
    return Vectors.minus(logLikelihoods[model], rowMeans[model]);
  }

  /** ξ̄, the column means of ξ. */
  public double[] columnMeans() {
    return columnMeans.clone();
  }

  /** q_i = ξ_i − ξ̄. */
  public double[] q(int model) {
    double[] l = logLikelihoods[model];
    double mean = rowMeans[model];
    double[] q = new double[l.length];
    for (int s = 0; s < q.length; s++) {
      q[s] = (l[s] - mean) - columnMeans[s]; // as DoubleCentering.qRow(ξ_i, ξ̄), without forming ξ_i
    }
    return q;
  }

  /** Q whole, K rows of q_i (a K×N copy: at large K prefer {@link #q(int)} row by row). */
  public double[][] q() {
    double[][] q = new double[logLikelihoods.length][];
    for (int i = 0; i < q.length; i++) {
      q[i] = q(i);
    }
    return q;
  }

  /** KL(p_i, p_j) in nats per text by eq. 3 (0 for i = j). */
  public double klNats(int i, int j) {
    return KlDivergence.fromCoordinates(q(i), q(j));
  }

  /**
   * KL in nats per text from each of {@code rows} to each of {@code columns} (eq. 3; 0 where a row and
   * a column are the same model): the q rows of {@code rows} are made once and kept for the call, each
   * column's q once, so a block costs (|rows| + |columns|)·N to centre instead of 2·N per pair.
   *
   * @return [|rows|][|columns|]
   */
  public double[][] klNats(int[] rows, int[] columns) {
    double[][] qRows = new double[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      qRows[r] = q(rows[r]);
    }
    double[][] kl = new double[rows.length][columns.length];
    for (int c = 0; c < columns.length; c++) {
      double[] qc = q(columns[c]);
      for (int r = 0; r < rows.length; r++) {
        kl[r][c] = rows[r] == columns[c] ? 0 : KlDivergence.fromCoordinates(qRows[r], qc);
      }
    }
    return kl;
  }

  /** The k nearest models to {@code model}, by eq. 3, with ids taken from {@code ids}. */
  public List<Neighbor> neighbors(int model, List<String> ids, int k) {
    List<Neighbor> all = new ArrayList<>();
    int n = logLikelihoods[model].length;
    double[] qModel = q(model);
    for (int j = 0; j < logLikelihoods.length; j++) {
      if (j != model) {
        all.add(new Neighbor(ids.get(j), KlDivergence.fromCoordinates(qModel, q(j)), n));
      }
    }
    return NeighborRanking.topK(all, k);
  }
}
