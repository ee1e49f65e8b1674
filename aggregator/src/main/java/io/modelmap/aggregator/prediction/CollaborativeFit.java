package io.modelmap.aggregator.prediction;

import io.modelmap.math.collab.BenchmarkRankQuality;
import io.modelmap.math.collab.NeuralCollaborativeFiltering;
import io.modelmap.math.collab.ScoreMatrix;
import io.modelmap.math.map.ScalingAxes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * One collaborative fit (CPP, method {@value #METHOD}): predicts any model on any fitted benchmark.
 * A model the fit saw is predicted from its trained vectors; a model registered or completed since,
 * from its facts and (when on the fit's map) its distances to the map's models alone, with no refit.
 */
final class CollaborativeFit {
  static final String METHOD = "cpp";
  private final Map<String, Integer> modelIndex = new HashMap<>();
  private final List<String> tasks;
  private final CollaborativeInput.TaskScale scale;
  private final NeuralCollaborativeFiltering network;
  private final CollaborativeFactors factors;
  private final ScalingAxes axes;
  private final List<String> axisModels;
  private final String corpus;
  private final Map<String, Double> outOfFold = new HashMap<>(); // model NUL task → prediction
  private final List<Quality> quality = new ArrayList<>();
  private final int folds;

  /** Out-of-fold quality on one benchmark, in its own units; {@code ranks}: L1 and rank agreement. */
  record Quality(String benchmarkId, int scores, double pearsonR, double spearmanRho, double meanSquaredError,
      BenchmarkRankQuality ranks) {}

  CollaborativeFit(List<String> models, List<String> tasks, CollaborativeInput.TaskScale scale,
      NeuralCollaborativeFiltering network, CollaborativeFactors factors, ScalingAxes axes, List<String> axisModels,
      String corpus, List<ScoreMatrix.Cell> cells, double[] outOfFold, int folds) {
    for (int m = 0; m < models.size(); m++) {
      modelIndex.put(models.get(m), m);
    }
    this.tasks = List.copyOf(tasks);
    this.scale = scale;
    this.network = network;
    this.factors = factors;
    this.axes = axes;
    this.axisModels = List.copyOf(axisModels);
    this.corpus = corpus;
    this.folds = folds;
    for (int i = 0; i < cells.size(); i++) {
      this.outOfFold.put(models.get(cells.get(i).model()) + "\u0000" + tasks.get(cells.get(i).task()), outOfFold[i]);
    }
    for (int t = 0; t < tasks.size(); t++) {
      List<double[]> pairs = new ArrayList<>();
      for (int i = 0; i < cells.size(); i++) {
        if (cells.get(i).task() == t) {
          pairs.add(new double[] {outOfFold[i], cells.get(i).value()});
        }
      }
      quality(tasks.get(t), pairs).ifPresent(quality::add);
    }
  }

  List<String> tasks() {
    return tasks;
  }

  boolean fitted(String model) {
    return modelIndex.containsKey(model);
  }

  /** The corpus whose map gave the Q factors ("" when none), and the models its axes were fitted on. */
  String corpus() {
    return corpus;
  }

  List<String> axisModels() {
    return axisModels;
  }

  /**
   * The model's prediction on every fitted benchmark, in {@link #tasks()} order; an unseen model is
   * encoded (and placed on the axes) once for all of them.
   *
   * @param facts the model's facts now (used when the fit did not see it)
   * @param squaredToAxisModels its squared distances to {@link #axisModels()}, or null when it is not on that map
   */
  double[] predictAll(String model, ModelFacts facts, double[] squaredToAxisModels) {
    double[] predicted = new double[tasks.size()];
    Integer m = modelIndex.get(model);
    if (m != null) {
      for (int t = 0; t < predicted.length; t++) {
        predicted[t] = scale.original(t, network.predict(m, t));
      }
      return predicted;
    }
    double[] position = axes == null || squaredToAxisModels == null ? null : axes.place(squaredToAxisModels);
    double[] numeric = factors.numeric(facts, position);
    int[] categorical = factors.categorical(facts);
    for (int t = 0; t < predicted.length; t++) {
      predicted[t] = scale.original(t, network.predictUnseen(numeric, categorical, t));
    }
    return predicted;
  }

  Optional<Double> outOfFold(String model, String task) {
    return Optional.ofNullable(outOfFold.get(model + "\u0000" + task));
  }

  List<Quality> quality() {
    return quality;
  }

  int folds() {
    return folds;
  }

  int models() {
    return modelIndex.size();
  }

  private static Optional<Quality> quality(String task, List<double[]> pairs) {
    if (pairs.size() < 3) {
      return Optional.empty();
    }
    double[] predicted = pairs.stream().mapToDouble(p -> p[0]).toArray();
    double[] observed = pairs.stream().mapToDouble(p -> p[1]).toArray();
    double r = new PearsonsCorrelation().correlation(predicted, observed);
    double rho = new SpearmansCorrelation().correlation(predicted, observed);
    if (!Double.isFinite(r) || !Double.isFinite(rho)) {
      return Optional.empty(); // constant predictions or scores: no correlation to report
    }
    double mse = pairs.stream().mapToDouble(p -> (p[0] - p[1]) * (p[0] - p[1])).average().orElseThrow();
    return Optional.of(new Quality(task, pairs.size(), r, rho, mse, BenchmarkRankQuality.of(predicted, observed)));
  }
}
