package io.modelmap.math.collab;

import io.modelmap.math.optim.AdamParameters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * How the collaborative models are fitted: mini-batches of known cells, shuffled by {@code seed},
 * squared error, Adam at {@code learningRate} with L2 {@code decay}. (The paper's code: SGD at
 * 0.01, batches of 16, 250,000 epochs; Adam reaches its fit in far fewer.)
 */
public record TrainingSettings(int epochs, int batch, double learningRate, double decay, int factors, long seed) {
  public TrainingSettings {
    if (epochs < 1 || batch < 1 || !(learningRate > 0) || decay < 0 || factors < 1) {
      throw new IllegalArgumentException("epochs, batch, factors ≥ 1, a positive learning rate and decay ≥ 0");
    }
  }

  /** A network the loop below can fit: squared-error gradients of one cell, then a step per batch. */
  interface Fittable extends CollaborativeModel {
    /** Accumulates scale · (prediction − value) · d prediction/dθ for one cell into the parameters' gradients. */
    void accumulate(ScoreMatrix.Cell cell, double scale);

    /** Every trainable block. */
    List<AdamParameters> parameters();
  }

  <T extends Fittable> T fit(T model, List<ScoreMatrix.Cell> cells) {
    List<ScoreMatrix.Cell> order = new ArrayList<>(cells);
    Random random = new Random(seed ^ 0x5DEECE66DL);
    for (int epoch = 0; epoch < epochs; epoch++) {
      Collections.shuffle(order, random);
      for (int start = 0; start < order.size(); start += batch) {
        int end = Math.min(order.size(), start + batch);
        for (ScoreMatrix.Cell cell : order.subList(start, end)) {
          model.accumulate(cell, 2.0 / (end - start)); // the gradient of the batch's mean squared error
        }
        model.parameters().forEach(p -> p.step(learningRate, decay));
      }
    }
    return model;
  }
}
