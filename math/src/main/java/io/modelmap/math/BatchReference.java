package io.modelmap.math;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The batch computation a notebook user runs over the complete K×N matrix L (modelmap paper §2):
 * optional clipping, double centring, every pairwise KL. The streaming aggregator must equal it.
 */
public final class BatchReference {
  private final double[][] logLikelihoods;
  private final double[] rowMeans;
  private final double[][] xi;
  private final double[] columnMeans;

  private BatchReference(double[][] logLikelihoods) {
    this.logLikelihoods = logLikelihoods;
    int k = logLikelihoods.length;
    this.rowMeans = new double[k];
    this.xi = new double[k][];
    for (int i = 0; i < k; i++) {
      rowMeans[i] = Vectors.mean(logLikelihoods[i]);
      xi[i] = Vectors.minus(logLikelihoods[i], rowMeans[i]);
    }
    this.columnMeans = DoubleCentering.columnMeans(Arrays.asList(xi));
  }

  /** Centres L as it is. */
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
    return xi[model].clone();
  }

  /** ξ̄, the column means of ξ. */
  public double[] columnMeans() {
    return columnMeans.clone();
  }

  /** q_i = ξ_i − ξ̄. */
  public double[] q(int model) {
    return DoubleCentering.qRow(xi[model], columnMeans);
  }

  /** KL(p_i, p_j) in nats per text by eq. 3. */
  public double klNats(int i, int j) {
    return KlDivergence.fromCoordinates(q(i), q(j));
  }

  /** The k nearest models to {@code model}, by eq. 3, with ids taken from {@code ids}. */
  public List<Neighbor> neighbors(int model, List<String> ids, int k) {
    List<Neighbor> all = new ArrayList<>();
    int n = logLikelihoods[model].length;
    for (int j = 0; j < xi.length; j++) {
      if (j != model) {
        all.add(new Neighbor(ids.get(j), klNats(model, j), n));
      }
    }
    return NeighborRanking.topK(all, k);
  }
}
