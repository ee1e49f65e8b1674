package io.modelmap.math.collab;

import io.modelmap.math.optim.AdamParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * CPP's neural collaborative filtering (§3.1, Table 1): a generalised matrix factorisation branch
 * p_m ⊙ q_t (width k) and an MLP branch on [u_m + f_m, v_t + g_t] (width 2k each, then 64, 32, 2k,
 * ReLU), joined by a linear output. With {@link DesignFactors}, f_m is the sum of the model's
 * categorical factor embeddings and an MLP of its numerical factors (64, 32, 2k, ReLU), g_t the sum of
 * the task's factor embeddings ("+ Factor Enhanced"); without ids, only the factors enter the MLP
 * and there is no GMF branch ("Only Factor"). Trained in plain Java: the network has a few thousand
 * weights and needs no engine in the aggregator.
 */
public final class NeuralCollaborativeFiltering implements TrainingSettings.Fittable {
  private final int k;
  private final boolean ids;
  private final DesignFactors factors;
  private final EmbeddingTable modelGmf;
  private final EmbeddingTable taskGmf;
  private final EmbeddingTable modelMlp;
  private final EmbeddingTable taskMlp;
  private final EmbeddingTable[] modelCategories;
  private final EmbeddingTable[] taskCategories;
  private final DenseLayer[] numeric;
  private final DenseLayer[] tower;
  private final DenseLayer output;

  /** Which of Table 1's networks. */
  public enum Variant { IDS, IDS_AND_FACTORS, FACTORS_ONLY }

  private NeuralCollaborativeFiltering(int models, int tasks, Variant variant, DesignFactors factors, int k,
      Random random) {
    this.k = k;
    this.ids = variant != Variant.FACTORS_ONLY;
    this.factors = variant == Variant.IDS ? null : factors;
    if (variant != Variant.IDS && factors == null) {
      throw new IllegalArgumentException(variant + " needs the design factors");
    }
    modelGmf = new EmbeddingTable(models, k, random, 0.1);
    taskGmf = new EmbeddingTable(tasks, k, random, 0.1);
    modelMlp = new EmbeddingTable(models, 2 * k, random, 0.1);
    taskMlp = new EmbeddingTable(tasks, 2 * k, random, 0.1);
    modelCategories = tables(this.factors == null ? new int[0] : this.factors.modelCardinalities(), 2 * k, random);
    taskCategories = tables(this.factors == null ? new int[0] : this.factors.taskCardinalities(), 2 * k, random);
    numeric = this.factors == null || this.factors.numericWidth() == 0 ? new DenseLayer[0]
        : tower(this.factors.numericWidth(), 2 * k, random);
    tower = tower(4 * k, 2 * k, random);
    output = new DenseLayer((ids ? k : 0) + 2 * k, 1, false, random);
  }

  public static NeuralCollaborativeFiltering fit(int models, int tasks, Variant variant, DesignFactors factors,
      List<ScoreMatrix.Cell> cells, TrainingSettings settings) {
    return settings.fit(new NeuralCollaborativeFiltering(models, tasks, variant, factors, settings.factors(),
        new Random(settings.seed())), cells);
  }

  @Override
  public double predict(int model, int task) {
    return forward(model, task)[0];
  }

  /**
   * A model the fit never saw, from its design factors alone (CPP-0): its id vectors are taken as the
   * mean of the fitted models' (the prior a model without scores has), its factors enter as any
   * model's. {@code numericFactors} and {@code categoricalFactors} are laid out as the fit's.
   */
  public double predictUnseen(double[] numericFactors, int[] categoricalFactors, int task) {
    if (factors == null) {
      throw new IllegalStateException("a network without design factors cannot place an unseen model");
    }
    return forward(-1, numericFactors, categoricalFactors, task)[0];
  }

  /** The output, after which the layers hold what {@link #accumulate} needs. */
  private double[] forward(int model, int task) {
    return factors == null ? forward(model, null, null, task)
        : forward(model, factors.modelNumeric()[model], factors.modelCategorical()[model], task);
  }

  /** {@code model} −1: the mean of the model id vectors. */
  private double[] forward(int model, double[] numericFactors, int[] categoricalFactors, int task) {
    double[] mlpIn = new double[4 * k];
    if (ids) {
      modelMlp.addTo(model, mlpIn, 0);
      taskMlp.addTo(task, mlpIn, 2 * k);
    }
    if (factors != null) {
      for (int c = 0; c < modelCategories.length; c++) {
        modelCategories[c].addTo(categoricalFactors[c], mlpIn, 0);
      }
      if (numeric.length > 0) {
        double[] f = run(numeric, numericFactors);
        for (int d = 0; d < 2 * k; d++) {
          mlpIn[d] += f[d];
        }
      }
      for (int c = 0; c < taskCategories.length; c++) {
        taskCategories[c].addTo(factors.taskCategorical()[task][c], mlpIn, 2 * k);
      }
    }
    double[] h = run(tower, mlpIn);
    double[] joined = new double[output.weights.value.length];
    if (ids) {
      for (int d = 0; d < k; d++) {
        joined[d] = (model < 0 ? modelGmf.mean(d) : modelGmf.value(model, d)) * taskGmf.value(task, d);
      }
    }
    System.arraycopy(h, 0, joined, ids ? k : 0, h.length);
    return output.forward(joined);
  }

  @Override
  public void accumulate(ScoreMatrix.Cell cell, double scale) {
    int m = cell.model();
    int t = cell.task();
    double error = (forward(m, t)[0] - cell.value()) * scale;
    double[] dJoined = output.backward(new double[] {error});
    if (ids) {
      double[] dp = new double[k];
      double[] dq = new double[k];
      for (int d = 0; d < k; d++) {
        dp[d] = dJoined[d] * taskGmf.value(t, d);
        dq[d] = dJoined[d] * modelGmf.value(m, d);
      }
      modelGmf.accumulate(m, dp, 0);
      taskGmf.accumulate(t, dq, 0);
    }
    double[] dh = java.util.Arrays.copyOfRange(dJoined, ids ? k : 0, dJoined.length);
    double[] dIn = back(tower, dh);
    if (ids) {
      modelMlp.accumulate(m, dIn, 0);
      taskMlp.accumulate(t, dIn, 2 * k);
    }
    if (factors != null) {
      for (int c = 0; c < modelCategories.length; c++) {
        modelCategories[c].accumulate(factors.modelCategorical()[m][c], dIn, 0);
      }
      if (numeric.length > 0) {
        back(numeric, java.util.Arrays.copyOfRange(dIn, 0, 2 * k));
      }
      for (int c = 0; c < taskCategories.length; c++) {
        taskCategories[c].accumulate(factors.taskCategorical()[t][c], dIn, 2 * k);
      }
    }
  }

  @Override
  public List<AdamParameters> parameters() {
    List<AdamParameters> all = new ArrayList<>();
    for (EmbeddingTable e : new EmbeddingTable[] {modelGmf, taskGmf, modelMlp, taskMlp}) {
      all.add(e.parameters);
    }
    for (EmbeddingTable e : modelCategories) {
      all.add(e.parameters);
    }
    for (EmbeddingTable e : taskCategories) {
      all.add(e.parameters);
    }
    for (DenseLayer[] layers : List.of(numeric, tower, new DenseLayer[] {output})) {
      for (DenseLayer layer : layers) {
        all.add(layer.weights);
        all.add(layer.bias);
      }
    }
    return all;
  }

  private static EmbeddingTable[] tables(int[] cardinalities, int width, Random random) {
    EmbeddingTable[] tables = new EmbeddingTable[cardinalities.length];
    for (int c = 0; c < tables.length; c++) {
      tables[c] = new EmbeddingTable(cardinalities[c], width, random, 0.1);
    }
    return tables;
  }

  private static DenseLayer[] tower(int inputs, int outputs, Random random) {
    return new DenseLayer[] {new DenseLayer(inputs, 64, true, random), new DenseLayer(64, 32, true, random),
        new DenseLayer(32, outputs, true, random)};
  }

  private static double[] run(DenseLayer[] layers, double[] x) {
    for (DenseLayer layer : layers) {
      x = layer.forward(x);
    }
    return x;
  }

  private static double[] back(DenseLayer[] layers, double[] dy) {
    for (int i = layers.length - 1; i >= 0; i--) {
      dy = layers[i].backward(dy);
    }
    return dy;
  }
}
