package io.modelmap.eval.cpp;

import io.modelmap.math.collab.TrainingSettings;

/**
 * The evaluation's training settings for every CPP method: Adam (or the authors' plain SGD) over
 * mini-batches of {@value #BATCH} cells, {@value #FACTORS} latent factors; the seed comes from each split.
 *
 * @param epochs passes over the training cells, at least 1
 * @param learningRate the optimiser's step size, positive
 * @param decay L2 weight decay, at least 0
 * @param optimiser Adam (default) or SGD
 */
public record CppTraining(int epochs, double learningRate, double decay, TrainingSettings.Optimiser optimiser) {
  /** Cells per mini-batch. */
  public static final int BATCH = 16;
  /** Latent factors of MF and NCF. */
  public static final int FACTORS = 10;

  public CppTraining {
    settings(epochs, learningRate, decay, optimiser, 0); // the math module's checks, with its message
  }

  /** With Adam. */
  public CppTraining(int epochs, double learningRate, double decay) {
    this(epochs, learningRate, decay, TrainingSettings.Optimiser.ADAM);
  }

  /** The settings of one split's fit. */
  public TrainingSettings settings(long seed) {
    return settings(epochs, learningRate, decay, optimiser, seed);
  }

  private static TrainingSettings settings(int epochs, double learningRate, double decay,
      TrainingSettings.Optimiser optimiser, long seed) {
    return new TrainingSettings(epochs, BATCH, learningRate, decay, FACTORS, seed, optimiser);
  }
}
