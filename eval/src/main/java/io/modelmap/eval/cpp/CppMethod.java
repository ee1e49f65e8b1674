package io.modelmap.eval.cpp;

import io.modelmap.math.collab.DesignFactors;
import io.modelmap.math.collab.HeldOutProtocol;
import io.modelmap.math.collab.MatrixFactorization;
import io.modelmap.math.collab.NeuralCollaborativeFiltering;
import io.modelmap.math.collab.NeuralCollaborativeFiltering.Variant;
import io.modelmap.math.collab.ScoreMatrix;

/** The four rows of the CPP paper's Table 1, in its order, each with the paper's figures. */
public enum CppMethod {
  MATRIX_FACTORIZATION("Matrix Factorization", 2.16e-2, 9.47e-2, 0.4433, 0.8316),
  NEURAL_COLLABORATIVE_FILTERING("Neural Collaborative Filtering", 1.58e-2, 8.94e-2, 0.4176, 0.8498),
  FACTOR_ENHANCED("+ Factor Enhanced", 1.25e-2, 7.88e-2, 0.4545, 0.8454),
  ONLY_FACTOR("Only Factor", 1.75e-2, 8.57e-2, 0.3347, 0.8408);

  private final String label;
  private final double[] paper;

  CppMethod(String label, double mse, double meanL1, double rankAccuracy, double maeAt2) {
    this.label = label;
    this.paper = new double[] {mse, meanL1, rankAccuracy, maeAt2};
  }

  /** The paper's name of the row. */
  public String label() {
    return label;
  }

  /** The paper's Table 1: MSE, mean L1, rank accuracy, MAE@2. */
  public double[] paper() {
    return paper.clone();
  }

  /** Fits this method on a split's training cells of {@code matrix}. */
  public HeldOutProtocol.Method method(ScoreMatrix matrix, DesignFactors factors, CppTraining training) {
    int models = matrix.models().size();
    int tasks = matrix.tasks().size();
    return (cells, seed) -> switch (this) {
      case MATRIX_FACTORIZATION -> MatrixFactorization.fit(models, tasks, cells, training.settings(seed));
      case NEURAL_COLLABORATIVE_FILTERING ->
          NeuralCollaborativeFiltering.fit(models, tasks, Variant.IDS, factors, cells, training.settings(seed));
      case FACTOR_ENHANCED -> NeuralCollaborativeFiltering.fit(models, tasks, Variant.IDS_AND_FACTORS, factors, cells,
          training.settings(seed));
      case ONLY_FACTOR -> NeuralCollaborativeFiltering.fit(models, tasks, Variant.FACTORS_ONLY, factors, cells,
          training.settings(seed));
    };
  }
}
