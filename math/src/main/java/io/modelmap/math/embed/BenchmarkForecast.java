package io.modelmap.math.embed;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;

/**
 * EmbedLLM §5.3, benchmark accuracy from model embeddings: with embeddings trained on every question but
 * the held-out benchmark's, a linear map (ridge, λ = {@value #PENALTY} on standardised features, with
 * intercept) from a model's embedding to its accuracy on that benchmark is fitted on a random part of
 * the models ({@link EmbeddingRidge}) and scored on the rest by Kendall's τ, over many random splits. The share of splits where
 * τ is significant (two-sided p &lt; 0.05, normal approximation) is the paper's "significance". The
 * same splits score a baseline that needs no embeddings: each model's accuracy on the other benchmarks.
 */
public final class BenchmarkForecast {
  static final double PENALTY = 1.0;
  private static final NormalDistribution NORMAL = new NormalDistribution();

  private BenchmarkForecast() {}

  /** Mean τ and share of significant splits, for the probe and for the baseline. */
  public record Result(double probeTau, double probeSignificant, double baselineTau, double baselineSignificant) {}

  /**
   * @param embeddings one row per model
   * @param accuracy each model's accuracy on the held-out benchmark
   * @param elsewhere each model's accuracy on the other benchmarks
   */
  public static Result of(double[][] embeddings, double[] accuracy, double[] elsewhere, int splits, int testModels,
      long seed) {
    int n = accuracy.length;
    if (testModels < 3 || n - testModels <= 2) {
      throw new IllegalArgumentException("need at least 3 test models and 3 training models, got " + testModels
          + " of " + n);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    Random random = new Random(seed);
    double probeTau = 0;
    double baselineTau = 0;
    int probeSignificant = 0;
    int baselineSignificant = 0;
    for (int s = 0; s < splits; s++) {
      Collections.shuffle(order, random);
      List<Integer> test = order.subList(0, testModels);
      List<Integer> train = order.subList(testModels, n);
      double[] predicted = ridge(embeddings, accuracy, train, test);
      double[] truth = test.stream().mapToDouble(i -> accuracy[i]).toArray();
      double[] other = test.stream().mapToDouble(i -> elsewhere[i]).toArray();
      double[] probe = kendall(predicted, truth);
      double[] base = kendall(other, truth);
      probeTau += probe[0] / splits;
      baselineTau += base[0] / splits;
      probeSignificant += probe[1] < 0.05 ? 1 : 0;
      baselineSignificant += base[1] < 0.05 ? 1 : 0;
    }
    return new Result(probeTau, (double) probeSignificant / splits, baselineTau, (double) baselineSignificant / splits);
  }

  /** Kendall's τ-b and its two-sided p-value by the normal approximation (no tie correction of the variance). */
  static double[] kendall(double[] x, double[] y) {
    int n = x.length;
    double tau = new KendallsCorrelation().correlation(x, y);
    if (Double.isNaN(tau)) {
      return new double[] {0, 1};
    }
    double z = 3 * tau * Math.sqrt(n * (n - 1.0)) / Math.sqrt(2 * (2 * n + 5.0));
    return new double[] {tau, 2 * (1 - NORMAL.cumulativeProbability(Math.abs(z)))};
  }

  /** {@link EmbeddingRidge} fitted on {@code train}; the predictions of {@code test}. */
  static double[] ridge(double[][] x, double[] y, List<Integer> train, List<Integer> test) {
    EmbeddingRidge fit = EmbeddingRidge.fit(train.stream().map(i -> x[i]).toArray(double[][]::new),
        train.stream().mapToDouble(i -> y[i]).toArray(), PENALTY);
    return test.stream().mapToDouble(i -> fit.predict(x[i])).toArray();
  }
}
