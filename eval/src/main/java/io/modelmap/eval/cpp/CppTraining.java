package io.modelmap.eval.cpp;

import io.modelmap.math.collab.TrainingSettings;

/**
 * The evaluation's training settings for every CPP method: Adam over mini-batches of {@value #BATCH}
 * cells, {@value #FACTORS} latent factors; the seed comes from each split.
 *
 * @param epochs passes over the training cells, at least 1
 * @param learningRate Adam's step size, positive
 * @param decay L2 weight decay, at least 0
 */
public record CppTraining(int epochs, double learningRate, double decay) {
  /** Cells per mini-batch. */
  public static final int BATCH = 16;
  /** Latent factors of MF and NCF. */
  public static final int FACTORS = 10;

  public CppTraining {
    settings(epochs, learningRate, decay, 0); // the math module's checks, with its message
  }

  /** The settings of one split's fit. */
  public TrainingSettings settings(long seed) {
    return settings(epochs, learningRate, decay, seed);
  }

  private static TrainingSettings settings(int epochs, double learningRate, double decay, long seed) {
    return new TrainingSettings(epochs, BATCH, learningRate, decay, FACTORS, seed);
  }
}
