package io.modelmap.math.optim;

/**
 * A block of trainable parameters with its gradient and Adam moments (β 0.9/0.999), for the small
 * networks trained in plain Java (CPP, EmbedLLM). Gradients are accumulated by the owner of the block
 * and cleared by {@link #step}.
 */
public final class AdamParameters {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  public final double[] value;
  public final double[] gradient;
  private final double[] first;
  private final double[] second;
  private int steps;

  public AdamParameters(int size, java.util.Random random, double initialScale) {
    value = new double[size];
    gradient = new double[size];
    first = new double[size];
    second = new double[size];
    for (int i = 0; i < size; i++) {
      value[i] = random.nextGaussian() * initialScale;
    }
  }

  /** One Adam step with L2 weight decay {@code decay} (added to the gradient), then the gradient is cleared. */
  public void step(double learningRate, double decay) {
    steps++;
    double c1 = 1 - Math.pow(BETA1, steps);
    double c2 = 1 - Math.pow(BETA2, steps);
    for (int i = 0; i < value.length; i++) {
      double g = gradient[i] + decay * value[i];
      first[i] = BETA1 * first[i] + (1 - BETA1) * g;
      second[i] = BETA2 * second[i] + (1 - BETA2) * g * g;
      value[i] -= learningRate * (first[i] / c1) / (Math.sqrt(second[i] / c2) + EPSILON);
      gradient[i] = 0;
    }
  }

  /**
   * One plain SGD step, {@code value −= learningRate · (gradient + decay · value)}, then the gradient is
   * cleared; the moments are left alone. CPP's authors train this way (torch.optim.SGD, lr 0.01).
   */
  public void sgdStep(double learningRate, double decay) {
    for (int i = 0; i < value.length; i++) {
      value[i] -= learningRate * (gradient[i] + decay * value[i]);
      gradient[i] = 0;
    }
  }
}
