package io.modelmap.math.collab;

import io.modelmap.math.optim.AdamParameters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * How the collaborative models are fitted: mini-batches of known cells, shuffled by {@code seed},
 * squared error, {@code optimiser} at {@code learningRate} with L2 {@code decay}. Adam is the default;
 * the paper's code uses plain SGD at 0.01 without decay, batches of 16 and 250,000 epochs, which Adam
 * reaches in a few hundred ({@link Optimiser#SGD} is there to run the authors' way).
 */
public record TrainingSettings(int epochs, int batch, double learningRate, double decay, int factors, long seed,
    Optimiser optimiser) {

  /** The step taken after each mini-batch. */
  public enum Optimiser { ADAM, SGD }

  public TrainingSettings {
    if (epochs < 1 || batch < 1 || !(learningRate > 0) || decay < 0 || factors < 1 || optimiser == null) {
      throw new IllegalArgumentException("epochs, batch, factors ≥ 1, a positive learning rate, decay ≥ 0 and an"
          + " optimiser");
    }
  }

  /** With Adam. */
  public TrainingSettings(int epochs, int batch, double learningRate, double decay, int factors, long seed) {
    this(epochs, batch, learningRate, decay, factors, seed, Optimiser.ADAM);
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
        for (AdamParameters p : model.parameters()) {
          if (optimiser == Optimiser.ADAM) {
            p.step(learningRate, decay);
          } else {
            p.sgdStep(learningRate, decay);
          }
        }
      }
    }
    return model;
  }
}
