package io.modelmap.aggregator.prediction;

import io.modelmap.math.collab.DesignFactors;
import io.modelmap.math.collab.NeuralCollaborativeFiltering;
import io.modelmap.math.collab.ScoreMatrix;
import io.modelmap.math.collab.TrainingSettings;
import io.modelmap.math.map.ScalingAxes;
import io.modelmap.math.predict.Folds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of what a collaborative refit needs, taken on the stream thread and fitted on the
 * background one: the models (scored or registered) with their facts, the benchmarks with theirs,
 * every known score, and the squared distances among the models of the map whose Q coordinates
 * enter as factors.
 *
 * @param cells known scores in their own units (model and task indices into {@code models}, {@code tasks})
 * @param axisModels the complete models of {@code corpus} whose scaling gives the axes, in the order of {@code axisSquared}
 * @param modelsToAxes each of {@code models}' squared distances to {@code axisModels}; null where not on the map
 */
record CollaborativeInput(List<String> models, List<ModelFacts> facts, List<String> tasks, List<TaskFacts> taskFacts,
    List<ScoreMatrix.Cell> cells, String corpus, List<String> axisModels, double[][] axisSquared,
    double[][] modelsToAxes, CollaborativeSettings settings) {
  private static final long SEED = 1;

  /** Neural collaborative filtering with factors on every score, and each score's out-of-fold prediction. */
  CollaborativeFit fit() {
    TaskScale scale = TaskScale.of(tasks.size(), cells);
    List<ScoreMatrix.Cell> normalised = cells.stream()
        .map(c -> new ScoreMatrix.Cell(c.model(), c.task(), scale.normalised(c.task(), c.value()))).toList();
    ScalingAxes axes = axisModels.size() >= 3 && settings.axes() > 0 ? ScalingAxes.fit(axisSquared, settings.axes()) : null;
    List<double[]> positions = new ArrayList<>();
    for (int m = 0; m < models.size(); m++) {
      positions.add(axes == null || modelsToAxes[m] == null ? null : axes.place(modelsToAxes[m]));
    }
    CollaborativeFactors factors = CollaborativeFactors.fit(facts, positions, taskFacts, settings.axes());
    DesignFactors design = factors.design(facts, positions, taskFacts);
    NeuralCollaborativeFiltering network = train(design, normalised);
    double[] outOfFold = outOfFold(design, normalised, scale);
    return new CollaborativeFit(models, tasks, scale, network, factors, axes, axisModels, corpus, cells, outOfFold,
        settings.folds());
  }

  private NeuralCollaborativeFiltering train(DesignFactors design, List<ScoreMatrix.Cell> normalised) {
    return NeuralCollaborativeFiltering.fit(models.size(), tasks.size(),
        NeuralCollaborativeFiltering.Variant.IDS_AND_FACTORS, design, normalised,
        new TrainingSettings(settings.epochs(), 16, CollaborativeSettings.LEARNING_RATE, CollaborativeSettings.DECAY,
            settings.width(), SEED));
  }

  /**
   * Each known score predicted by a fit without its fold: the scores split by {@link Folds#ofScores} (CPP
   * completes a matrix, so a score, not a model, is what is held out).
   */
  private double[] outOfFold(DesignFactors design, List<ScoreMatrix.Cell> normalised, TaskScale scale) {
    Folds folds = Folds.ofScores(normalised.size(), settings.folds(), SEED);
    double[] predicted = new double[normalised.size()];
    for (int fold = 0; fold < folds.count(); fold++) {
      List<ScoreMatrix.Cell> training = new ArrayList<>();
      for (int i : folds.members(fold, false)) {
        training.add(normalised.get(i));
      }
      NeuralCollaborativeFiltering network = train(design, training);
      for (int i : folds.members(fold, true)) {
        ScoreMatrix.Cell cell = normalised.get(i);
        predicted[i] = scale.original(cell.task(), network.predict(cell.model(), cell.task()));
      }
    }
    return predicted;
  }

  /** Scores are fitted as z-scores per benchmark, so benchmarks in different units weigh alike. */
  record TaskScale(double[] mean, double[] deviation) {
    static TaskScale of(int tasks, List<ScoreMatrix.Cell> cells) {
      double[] sum = new double[tasks];
      double[] squares = new double[tasks];
      int[] count = new int[tasks];
      for (ScoreMatrix.Cell c : cells) {
        sum[c.task()] += c.value();
        count[c.task()]++;
      }
      double[] mean = new double[tasks];
      for (int t = 0; t < tasks; t++) {
        mean[t] = count[t] == 0 ? 0 : sum[t] / count[t];
      }
      for (ScoreMatrix.Cell c : cells) {
        squares[c.task()] += (c.value() - mean[c.task()]) * (c.value() - mean[c.task()]);
      }
      double[] deviation = new double[tasks];
      for (int t = 0; t < tasks; t++) {
        double sd = count[t] < 2 ? 0 : Math.sqrt(squares[t] / count[t]);
        deviation[t] = sd > 1e-12 ? sd : 1;
      }
      return new TaskScale(mean, deviation);
    }

    double normalised(int task, double value) {
      return (value - mean[task]) / deviation[task];
    }

    double original(int task, double normalised) {
      return normalised * deviation[task] + mean[task];
    }
  }
}
