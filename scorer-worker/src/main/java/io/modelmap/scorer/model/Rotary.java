package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embeddings as Hugging Face applies them (rotate_half on the first {@code dims}
 * channels of each head), with the config's base and scaling of the inverse frequencies.
 */
final class Rotary {
  private final int dims;
  private final double[] inverseFrequencies;

  Rotary(int dims, double[] inverseFrequencies) {
    this.dims = dims;
    this.inverseFrequencies = inverseFrequencies;
  }

  /** θ^(−2i/dims) for i < dims/2, before any scaling. */
  static double[] inverseFrequencies(int dims, double theta) {
    double[] f = new double[dims / 2];
    for (int i = 0; i < f.length; i++) {
      f[i] = 1.0 / Math.pow(theta, 2.0 * i / dims);
    }
    return f;
  }

  /** Rotates x [batch, heads, length, width] by position. */
  NDArray apply(NDArray x) {
    Shape shape = x.getShape();
    int length = (int) shape.get(2);
    NDManager m = x.getManager();
    float[] cos = new float[length * dims];
    float[] sin = new float[length * dims];
    int half = dims / 2;
    for (int p = 0; p < length; p++) {
      for (int i = 0; i < half; i++) {
        double angle = p * inverseFrequencies[i];
        cos[p * dims + i] = cos[p * dims + i + half] = (float) Math.cos(angle);
        sin[p * dims + i] = sin[p * dims + i + half] = (float) Math.sin(angle);
      }
    }
    NDArray cosTable = m.create(cos, new Shape(length, dims));
    NDArray sinTable = m.create(sin, new Shape(length, dims));
    NDArray rotated = x.get(new NDIndex("..., :" + dims));
    NDArray firstHalf = rotated.get(new NDIndex("..., :" + half));
    NDArray secondHalf = rotated.get(new NDIndex("..., " + half + ":"));
    NDArray turned = secondHalf.neg().concat(firstHalf, -1);
    // the tables stay float32 (as Hugging Face builds them); the result returns to x's dtype
    NDArray result = rotated.mul(cosTable).add(turned.mul(sinTable)).toType(x.getDataType(), false);
    if (dims == shape.get(3)) {
      return result;
    }
    return result.concat(x.get(new NDIndex("..., " + dims + ":")), -1);
  }
}
