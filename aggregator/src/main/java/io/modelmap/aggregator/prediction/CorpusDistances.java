package io.modelmap.aggregator.prediction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The KL between every pair of complete models of one corpus, as the matrix sent it at each completion. */
final class CorpusDistances {
  private final Map<String, Map<String, Double>> kl = new HashMap<>();
  private final List<String> models = new ArrayList<>();
  private final Map<String, Double> meanLogLikelihood = new HashMap<>();

  /**
   * A model completed: its mean log-likelihood (null when the matrix did not send one) and its KL (nats
   * per text) to the models complete before it, or to all of them.
   */
  void add(String model, Double meanLogLikelihood, Map<String, Double> klToOthers) {
    if (meanLogLikelihood != null) {
      this.meanLogLikelihood.put(model, meanLogLikelihood);
    }
    if (!kl.containsKey(model)) {
      models.add(model);
      kl.put(model, new HashMap<>());
    }
    klToOthers.forEach((other, value) -> {
      kl.get(model).put(other, value);
      kl.computeIfAbsent(other, o -> {
        models.add(o);
        return new HashMap<>();
      }).put(model, value);
    });
  }

  /** The mean log-likelihood per text of a complete model, when known. */
  java.util.Optional<Double> meanLogLikelihood(String model) {
    return java.util.Optional.ofNullable(meanLogLikelihood.get(model));
  }

  boolean contains(String model) {
    return kl.containsKey(model);
  }

  /** Complete models in arrival order. */
  List<String> models() {
    return models;
  }

  /** ‖q_a − q_b‖²/N = 2·KL(a, b). */
  double squared(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    Double value = kl.get(a).get(b);
    if (value == null) {
      throw new IllegalStateException("no distance between " + a + " and " + b);
    }
    return 2 * value;
  }

  double[][] squared(List<String> rows, List<String> columns) {
    double[][] d = new double[rows.size()][columns.size()];
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < columns.size(); c++) {
        d[r][c] = squared(rows.get(r), columns.get(c));
      }
    }
    return d;
  }
}
