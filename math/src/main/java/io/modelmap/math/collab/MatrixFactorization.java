package io.modelmap.math.collab;

import io.modelmap.math.optim.AdamParameters;
import java.util.List;
import java.util.Random;

/** CPP's matrix factorisation (§3.1): score(m, t) ≈ p_m · q_t, latent vectors initialised N(0, 0.01²). */
public final class MatrixFactorization implements TrainingSettings.Fittable {
  private final EmbeddingTable modelFactors;
  private final EmbeddingTable taskFactors;

  private MatrixFactorization(int models, int tasks, int factors, Random random) {
    modelFactors = new EmbeddingTable(models, factors, random, 0.01);
    taskFactors = new EmbeddingTable(tasks, factors, random, 0.01);
  }

  public static MatrixFactorization fit(int models, int tasks, List<ScoreMatrix.Cell> cells, TrainingSettings settings) {
    return settings.fit(new MatrixFactorization(models, tasks, settings.factors(), new Random(settings.seed())), cells);
  }

  @Override
  public double predict(int model, int task) {
    double s = 0;
    for (int d = 0; d < modelFactors.dimension(); d++) {
      s += modelFactors.value(model, d) * taskFactors.value(task, d);
    }
    return s;
  }

  @Override
  public void accumulate(ScoreMatrix.Cell cell, double scale) {
    double error = (predict(cell.model(), cell.task()) - cell.value()) * scale;
    int k = modelFactors.dimension();
    double[] dp = new double[k];
    double[] dq = new double[k];
    for (int d = 0; d < k; d++) {
      dp[d] = error * taskFactors.value(cell.task(), d);
      dq[d] = error * modelFactors.value(cell.model(), d);
    }
    modelFactors.accumulate(cell.model(), dp, 0);
    taskFactors.accumulate(cell.task(), dq, 0);
  }

  @Override
  public List<AdamParameters> parameters() {
    return List.of(modelFactors.parameters, taskFactors.parameters);
  }
}
