package io.modelmap.math.collab;

import io.modelmap.math.optim.AdamParameters;
import java.util.Random;

/** One trainable vector per id (a model, a task, or a value of a categorical factor). */
final class EmbeddingTable {
  private final int dimension;
  final AdamParameters parameters;

  EmbeddingTable(int rows, int dimension, Random random, double initialScale) {
    this.dimension = dimension;
    this.parameters = new AdamParameters(rows * dimension, random, initialScale);
  }

  /** Adds row {@code id} to {@code into} from {@code offset}; id −1 adds the mean of every row. */
  void addTo(int id, double[] into, int offset) {
    for (int d = 0; d < dimension; d++) {
      into[offset + d] += id < 0 ? mean(d) : parameters.value[id * dimension + d];
    }
  }

  /** The mean of column {@code d} over every row. */
  double mean(int d) {
    int rows = parameters.value.length / dimension;
    double sum = 0;
    for (int r = 0; r < rows; r++) {
      sum += parameters.value[r * dimension + d];
    }
    return sum / rows;
  }

  double value(int id, int d) {
    return parameters.value[id * dimension + d];
  }

  /** Accumulates dLoss/d(row id) from {@code gradient} starting at {@code offset}. */
  void accumulate(int id, double[] gradient, int offset) {
    for (int d = 0; d < dimension; d++) {
      parameters.gradient[id * dimension + d] += gradient[offset + d];
    }
  }

  int dimension() {
    return dimension;
  }
}
