package io.modelmap.math.collab;

/** A fitted collaborative predictor: the (normalised) score of a model on a task. */
@FunctionalInterface
public interface CollaborativeModel {
  double predict(int model, int task);
}
