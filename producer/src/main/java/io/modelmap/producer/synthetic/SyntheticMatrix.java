package io.modelmap.producer.synthetic;

import java.util.Random;

/**
 * A log-likelihood matrix with the structure of real ones, generated row by row from a seed:
 *
 * <pre>
 * ℓ_is = −bytes_s · rate_s · exp(0.15·(a_f(i)·v_s + u_i·w_s) + 0.05·ε_is)
 * </pre>
 *
 * Per text: a length of 256–1,024 bytes and a log-normal difficulty {@code rate_s} in nats per byte,
 * which gives the heavy lower tail of real log-likelihoods. Per family f: a direction {@code a_f}
 * in a low-rank text factor space {@code v_s}; per model: its own factor loadings {@code u_i}, and
 * independent noise. Every value is negative. Row i depends only on (seed, i), so any row can be
 * regenerated without holding the matrix.
 */
public final class SyntheticMatrix {
  private static final int RANK = 8;

  private final int models;
  private final int texts;
  private final int families;
  private final long seed;
  private final int[] bytes;
  private final String[] textIds; // formatted once: the fleet would otherwise format one per score it sends
  private final double[] rate;
  private final double[][] textFactors; // RANK × N
  private final double[][] familyLoadings; // families × RANK

  public SyntheticMatrix(int models, int texts, int families, long seed) {
    if (models < 1 || texts < 1 || families < 1) {
      throw new IllegalArgumentException("models, texts and families must be positive");
    }
    this.models = models;
    this.texts = texts;
    this.families = families;
    this.seed = seed;
    Random random = new Random(seed);
    bytes = new int[texts];
    rate = new double[texts];
    textIds = new String[texts];
    for (int s = 0; s < texts; s++) {
      textIds[s] = String.format("s%05d", s);
      bytes[s] = 256 + random.nextInt(769);
      rate[s] = Math.exp(-0.2 + 0.5 * random.nextGaussian());
    }
    textFactors = gaussian(random, RANK, texts);
    familyLoadings = gaussian(random, families, RANK);
  }

  public int models() {
    return models;
  }

  public int texts() {
    return texts;
  }

  public int byteLength(int text) {
    return bytes[text];
  }

  public String modelId(int model) {
    return String.format("fam%02d-model%04d", family(model), model);
  }

  public String textId(int text) {
    return textIds[text];
  }

  public int family(int model) {
    return model % families;
  }

  /** Row i of L. */
  public double[] row(int model) {
    Random random = new Random(seed * 1_000_003L + model);
    double[] loadings = familyLoadings[family(model)].clone();
    for (int r = 0; r < RANK; r++) {
      loadings[r] += 0.3 * random.nextGaussian();
    }
    double[] row = new double[texts];
    for (int s = 0; s < texts; s++) {
      double effect = 0;
      for (int r = 0; r < RANK; r++) {
        effect += loadings[r] * textFactors[r][s];
      }
      row[s] = -bytes[s] * rate[s] * Math.exp(0.15 * effect / Math.sqrt(RANK) + 0.05 * random.nextGaussian());
    }
    return row;
  }

  private static double[][] gaussian(Random random, int rows, int columns) {
    double[][] m = new double[rows][columns];
    for (double[] row : m) {
      for (int c = 0; c < columns; c++) {
        row[c] = random.nextGaussian();
      }
    }
    return m;
  }
}
