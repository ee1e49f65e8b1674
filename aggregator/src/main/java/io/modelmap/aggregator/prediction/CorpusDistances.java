package io.modelmap.aggregator.prediction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The KL between every pair of complete models of one corpus, as the matrix sent it at each
 * completion, in a primitive K×K matrix grown by doubling (8 MB at K = 1,000; boxed maps took
 * about 15 times that). A pair not sent yet is NaN.
 */
final class CorpusDistances {
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> models = new ArrayList<>();
  private final Map<String, Double> meanLogLikelihood = new HashMap<>();
  private double[][] kl = new double[0][];

  /**
   * A model completed: its mean log-likelihood (null when the matrix did not send one) and its KL (nats
   * per text) to the models complete before it, or to all of them.
   */
  void add(String model, Double meanLogLikelihood, Map<String, Double> klToOthers) {
    if (meanLogLikelihood != null) {
      this.meanLogLikelihood.put(model, meanLogLikelihood);
    }
    int m = indexOf(model);
    klToOthers.forEach((other, value) -> {
      int o = indexOf(other);
      kl[m][o] = value;
      kl[o][m] = value;
    });
  }

  private int indexOf(String model) {
    Integer known = index.get(model);
    if (known != null) {
      return known;
    }
    int i = models.size();
    if (i == kl.length) {
      grow(Math.max(16, 2 * i));
    }
    index.put(model, i);
    models.add(model);
    return i;
  }

  private void grow(int capacity) {
    double[][] bigger = new double[capacity][];
    for (int r = 0; r < capacity; r++) {
      bigger[r] = r < kl.length ? Arrays.copyOf(kl[r], capacity) : new double[capacity];
      Arrays.fill(bigger[r], r < kl.length ? kl.length : 0, capacity, Double.NaN);
      bigger[r][r] = 0; // a model is at distance 0 from itself
    }
    kl = bigger;
  }

  /** The mean log-likelihood per text of a complete model, when known. */
  Optional<Double> meanLogLikelihood(String model) {
    return Optional.ofNullable(meanLogLikelihood.get(model));
  }

  boolean contains(String model) {
    return index.containsKey(model);
  }

  /** Complete models in arrival order. */
  List<String> models() {
    return models;
  }

  /** ‖q_a − q_b‖²/N = 2·KL(a, b). */
  double squared(String a, String b) {
    double value = kl[index.get(a)][index.get(b)];
    if (Double.isNaN(value)) {
      throw new IllegalStateException("no distance between " + a + " and " + b);
    }
    return 2 * value;
  }

  double[][] squared(List<String> rows, List<String> columns) {
    int[] c = columns.stream().mapToInt(index::get).toArray();
    double[][] d = new double[rows.size()][columns.size()];
    for (int r = 0; r < rows.size(); r++) {
      double[] row = kl[index.get(rows.get(r))];
      for (int j = 0; j < c.length; j++) {
        double value = row[c[j]];
        if (Double.isNaN(value)) {
          throw new IllegalStateException("no distance between " + rows.get(r) + " and " + columns.get(j));
        }
        d[r][j] = 2 * value;
      }
    }
    return d;
  }
}
