package io.modelmap.math.collab;

import java.util.ArrayList;
import java.util.List;

/**
 * A sparse model × task score matrix (CPP §3): {@code NaN} where a model has no score on a task.
 * Immutable; the array is copied in.
 */
public final class ScoreMatrix {
  private final List<String> models;
  private final List<String> tasks;
  private final double[][] scores;

  public ScoreMatrix(List<String> models, List<String> tasks, double[][] scores) {
    if (scores.length != models.size()) {
      throw new IllegalArgumentException(scores.length + " rows for " + models.size() + " models");
    }
    this.models = List.copyOf(models);
    this.tasks = List.copyOf(tasks);
    this.scores = new double[scores.length][];
    for (int m = 0; m < scores.length; m++) {
      if (scores[m].length != tasks.size()) {
        throw new IllegalArgumentException(models.get(m) + ": " + scores[m].length + " scores for " + tasks.size()
            + " tasks");
      }
      this.scores[m] = scores[m].clone();
    }
  }

  public List<String> models() {
    return models;
  }

  public List<String> tasks() {
    return tasks;
  }

  public double score(int model, int task) {
    return scores[model][task];
  }

  public boolean known(int model, int task) {
    return !Double.isNaN(scores[model][task]);
  }

  /** Every known cell, row by row. */
  public List<Cell> knownCells() {
    List<Cell> cells = new ArrayList<>();
    for (int m = 0; m < scores.length; m++) {
      for (int t = 0; t < tasks.size(); t++) {
        if (known(m, t)) {
          cells.add(new Cell(m, t, scores[m][t]));
        }
      }
    }
    return cells;
  }

  /** One known score. */
  public record Cell(int model, int task, double value) {}
}
