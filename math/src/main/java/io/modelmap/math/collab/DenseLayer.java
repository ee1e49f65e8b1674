package io.modelmap.math.collab;

import io.modelmap.math.optim.AdamParameters;
import java.util.Random;

/**
 * y = W·x + b, with an optional ReLU. {@link #forward} keeps its input and output for the
 * {@link #backward} of the same sample right after, which accumulates the parameter gradients.
 */
final class DenseLayer {
  private final int inputs;
  private final int outputs;
  private final boolean relu;
  final AdamParameters weights;
  final AdamParameters bias;
  private double[] lastInput;
  private double[] lastOutput;

  DenseLayer(int inputs, int outputs, boolean relu, Random random) {
    this.inputs = inputs;
    this.outputs = outputs;
    this.relu = relu;
    this.weights = new AdamParameters(inputs * outputs, random, Math.sqrt(2.0 / inputs)); // He initialisation
    this.bias = new AdamParameters(outputs, random, 0);
  }

  double[] forward(double[] x) {
    double[] y = new double[outputs];
    for (int o = 0; o < outputs; o++) {
      double s = bias.value[o];
      int row = o * inputs;
      for (int i = 0; i < inputs; i++) {
        s += weights.value[row + i] * x[i];
      }
      y[o] = relu ? Math.max(0, s) : s;
    }
    lastInput = x;
    lastOutput = y;
    return y;
  }

  /** Takes dLoss/dy of the last forward; accumulates the parameter gradients and returns dLoss/dx. */
  double[] backward(double[] dy) {
    double[] dx = new double[inputs];
    for (int o = 0; o < outputs; o++) {
      double g = relu && lastOutput[o] <= 0 ? 0 : dy[o];
      if (g == 0) {
        continue;
      }
      bias.gradient[o] += g;
      int row = o * inputs;
      for (int i = 0; i < inputs; i++) {
        weights.gradient[row + i] += g * lastInput[i];
        dx[i] += g * weights.value[row + i];
      }
    }
    return dx;
  }
}
