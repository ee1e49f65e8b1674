package io.modelmap.aggregator.matrix;

import java.util.Arrays;

/** One model's row of L as it fills: NaN marks texts not yet scored. */
final class ModelRow {
  private final double[] logLikelihoods;
  private int scored;
  private double mean = Double.NaN;

  ModelRow(int corpusSize) {
    this.logLikelihoods = new double[corpusSize];
    Arrays.fill(logLikelihoods, Double.NaN);
  }

  /** Outcome of offering one score. */
  enum Offer { ACCEPTED, DUPLICATE, CONFLICT }

  /** Keeps the first score of a text; a later one is a duplicate (same value) or a conflict (different). */
  Offer offer(int index, double logLikelihood) {
    double current = logLikelihoods[index];
    if (Double.isNaN(current)) {
      logLikelihoods[index] = logLikelihood;
      scored++;
      return Offer.ACCEPTED;
    }
    return current == logLikelihood ? Offer.DUPLICATE : Offer.CONFLICT;
  }

  boolean isFull() {
    return scored == logLikelihoods.length;
  }

  /** Marks the row complete, fixing its mean (summed in index order, as the batch reference does). */
  void complete(double rowMean) {
    this.mean = rowMean;
  }

  boolean isComplete() {
    return !Double.isNaN(mean);
  }

  int scored() {
    return scored;
  }

  /** The mean over texts scored so far. */
  double partialMean() {
    double sum = 0;
    for (double v : logLikelihoods) {
      if (!Double.isNaN(v)) {
        sum += v;
      }
    }
    return sum / scored;
  }

  /** ℓ̄_i of a complete row. */
  double mean() {
    return mean;
  }

  /** The live array; callers must not modify it. */
  double[] values() {
    return logLikelihoods;
  }
}
