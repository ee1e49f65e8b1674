package io.modelmap.aggregator.prediction;

import io.modelmap.math.predict.FittedRidge;
import io.modelmap.math.predict.RidgeData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The KL between every pair of complete models of one corpus, as the matrix sent it at each
 * completion, in a primitive lower triangle: row i holds the pairs with the models indexed before it,
 * allocated to size when i arrives (400 MB at K = 10,000; a square grown by doubling needed 2.1 GB
 * there, boxed maps about 15 times the triangle). A pair not sent yet is NaN.
 */
final class CorpusDistances implements CorpusMap {
  private final Map<String, Integer> index = new HashMap<>();
  /**
   * Models whose own completion was received, in arrival order. A model that completed in the same
   * batch as another can be named in that one's distances first; it counts once its own arrive, when
   * its distance to every model counted before it is known.
   */
  private final List<String> models = new ArrayList<>();
  private final java.util.Set<String> received = new java.util.HashSet<>();
  private final Map<String, Double> meanLogLikelihood = new HashMap<>();
  private double[][] kl = new double[0][]; // kl[i][j], j < i

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
      if (o != m) {
        kl[Math.max(m, o)][Math.min(m, o)] = value;
      }
    });
    if (received.add(model)) {
      models.add(model);
    }
  }

  private int indexOf(String model) {
    Integer known = index.get(model);
    if (known != null) {
      return known;
    }
    int i = index.size();
    if (i == kl.length) {
      kl = Arrays.copyOf(kl, Math.max(16, 2 * i));
    }
    kl[i] = new double[i];
    Arrays.fill(kl[i], Double.NaN);
    index.put(model, i);
    return i;
  }

  /** The mean log-likelihood per text of a complete model, when known. */
  Optional<Double> meanLogLikelihood(String model) {
    return Optional.ofNullable(meanLogLikelihood.get(model));
  }

  @Override
  public boolean contains(String model) {
    return received.contains(model);
  }

  @Override
  public List<String> models() {
    return models;
  }

  /** The dual form, on the training models' squared distances. */
  @Override
  public RidgeData ridgeData(List<String> training) {
    return new RidgeData.SquaredDistances(squared(training, training));
  }

  /** The model's squared distances to the training models: every fit here is dual. */
  @Override
  public double[] features(FittedRidge ridge, List<String> training, String model) {
    double[] toTraining = new double[training.size()];
    for (int i = 0; i < toTraining.length; i++) {
      toTraining[i] = squared(model, training.get(i));
    }
    return toTraining;
  }

  /** ‖q_a − q_b‖²/N = 2·KL(a, b). */
  double squared(String a, String b) {
    double value = kl(index.get(a), index.get(b));
    if (Double.isNaN(value)) {
      throw new IllegalStateException("no distance between " + a + " and " + b);
    }
    return 2 * value;
  }

  double[][] squared(List<String> rows, List<String> columns) {
    int[] c = columns.stream().mapToInt(index::get).toArray();
    double[][] d = new double[rows.size()][columns.size()];
    for (int r = 0; r < rows.size(); r++) {
      int i = index.get(rows.get(r));
      for (int j = 0; j < c.length; j++) {
        double value = kl(i, c[j]);
        if (Double.isNaN(value)) {
          throw new IllegalStateException("no distance between " + rows.get(r) + " and " + columns.get(j));
        }
        d[r][j] = 2 * value;
      }
    }
    return d;
  }

  private double kl(int i, int j) {
    return i == j ? 0 : i > j ? kl[i][j] : kl[j][i];
  }
}
