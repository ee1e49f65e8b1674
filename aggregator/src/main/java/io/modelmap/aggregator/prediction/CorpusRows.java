package io.modelmap.aggregator.prediction;

import io.modelmap.math.predict.CoordinateRidge;
import io.modelmap.math.predict.FittedRidge;
import io.modelmap.math.predict.RidgeData;
import io.modelmap.math.predict.RidgeSolver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One corpus's map at S &gt; 1, where no task holds the K × K distances: the ξ row of each complete model, as its
 * home shard published it in {@code model-coordinates}. Rows are scaled by 1/√N, so ‖x_a − x_b‖² =
 * ‖ξ_a − ξ_b‖²/N = 2·KL(a, b), the dual's distances (DESIGN.md §2). In memory it keeps the rows of the models
 * it is told to keep (those with a benchmark score, the training rows); the others are read from the prediction
 * task's rows store when needed (a refit re-predicts every model), so memory follows the benchmark table, not K.
 */
final class CorpusRows implements CorpusMap {
  private final Function<String, double[]> stored; // model → its ξ row, unscaled, from the rows store
  private final List<String> models = new ArrayList<>();
  private final Set<String> complete = new HashSet<>();
  private final Map<String, double[]> kept = new HashMap<>();

  /** @param stored a complete model's ξ row as stored (unscaled) */
  CorpusRows(Function<String, double[]> stored) {
    this.stored = stored;
  }

  /** A model completed with ξ row {@code xi}; kept in memory when {@code keep}. */
  void add(String model, double[] xi, boolean keep) {
    if (complete.add(model)) {
      models.add(model);
    }
    if (keep) {
      kept.put(model, scaled(xi));
    }
  }

  /** Keeps a complete model's row in memory from now on (it was scored). */
  void keep(String model) {
    if (complete.contains(model) && !kept.containsKey(model)) {
      kept.put(model, scaled(stored.apply(model)));
    }
  }

  @Override
  public boolean contains(String model) {
    return complete.contains(model);
  }

  @Override
  public List<String> models() {
    return models;
  }

  /** The form {@link RidgeSolver} picks for the training rows: dual below its crossover, primal above. */
  @Override
  public RidgeData ridgeData(List<String> training) {
    return RidgeSolver.dataFor(rows(training));
  }

  /** The model's own row for a primal fit; its squared distances to the training rows for a dual one. */
  @Override
  public double[] features(FittedRidge ridge, List<String> training, String model) {
    double[] row = row(model);
    if (ridge instanceof CoordinateRidge) {
      return row;
    }
    double[] toTraining = new double[training.size()];
    for (int i = 0; i < toTraining.length; i++) {
      double[] other = row(training.get(i));
      double sum = 0; // in the order of the training distances' sum (RidgeData.SquaredDistances.between)
      for (int s = 0; s < row.length; s++) {
        double diff = other[s] - row[s];
        sum += diff * diff;
      }
      toTraining[i] = sum;
    }
    return toTraining;
  }

  private double[][] rows(List<String> chosen) {
    double[][] rows = new double[chosen.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = row(chosen.get(i));
    }
    return rows;
  }

  private double[] row(String model) {
    double[] row = kept.get(model);
    return row != null ? row : scaled(stored.apply(model));
  }

  private static double[] scaled(double[] xi) {
    double scale = 1 / Math.sqrt(xi.length);
    double[] x = new double[xi.length];
    for (int s = 0; s < x.length; s++) {
      x[s] = xi[s] * scale;
    }
    return x;
  }
}
