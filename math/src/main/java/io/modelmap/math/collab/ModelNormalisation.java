package io.modelmap.math.collab;

/**
 * The scale CPP's Table 1 is reported on, as the paper's code computes it: each model's row mapped
 * to [0, 1] by its minimum and maximum, with missing scores counted as 0 (so a model with any
 * missing score is divided by its maximum). Kept so that losses compare with the paper's; ranks are
 * taken on the original scale ({@link #original}).
 */
public final class ModelNormalisation {
  private final double[] minimum;
  private final double[] range;

  private ModelNormalisation(double[] minimum, double[] range) {
    this.minimum = minimum;
    this.range = range;
  }

  public static ModelNormalisation of(ScoreMatrix scores) {
    int models = scores.models().size();
    double[] minimum = new double[models];
    double[] range = new double[models];
    for (int m = 0; m < models; m++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int t = 0; t < scores.tasks().size(); t++) {
        double v = scores.known(m, t) ? scores.score(m, t) : 0;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      minimum[m] = lo;
      range[m] = hi > lo ? hi - lo : 1;
    }
    return new ModelNormalisation(minimum, range);
  }

  public double normalised(int model, double score) {
    return (score - minimum[model]) / range[model];
  }

  public double original(int model, double normalised) {
    return normalised * range[model] + minimum[model];
  }
}
