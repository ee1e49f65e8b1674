package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embeddings on the first {@code dims} channels of each head, as transformers applies
 * them: rotate_half (Llama, GPT-NeoX and most families: channel i pairs with i + dims/2) or
 * interleaved (GPT-J, CodeGen's rotate_every_two: channel 2i pairs with 2i + 1). The angles come from
 * {@link RopeFrequencies}: one set of inverse frequencies, or LongRoPE's two (the long set once a
 * sequence is longer than the original context), and cos/sin scaled by an attention factor (YaRN,
 * LongRoPE).
 */
final class Rotary {
  private final int dims;
  private final RopeFrequencies frequencies;
  private final boolean interleaved;

  Rotary(int dims, RopeFrequencies frequencies, boolean interleaved) {
    if (frequencies.inverse().length != dims / 2) {
      throw new IllegalArgumentException(dims + " rotary channels need " + dims / 2 + " frequencies, not "
          + frequencies.inverse().length);
    }
    this.dims = dims;
    this.frequencies = frequencies;
    this.interleaved = interleaved;
  }

  /** The length above which the angles change (LongRoPE), else {@link Integer#MAX_VALUE}. */
  int lengthBoundary() {
    return frequencies.longInverse() == null ? Integer.MAX_VALUE : frequencies.longAbove();
  }

  /** Rotates x [batch, heads, length, width] by position 0, 1, …. */
  NDArray apply(NDArray x) {
    Shape shape = x.getShape();
    int length = (int) shape.get(2);
    double[] inverse = frequencies.forLength(length);
    double scale = frequencies.attentionFactor();
    NDManager m = x.getManager();
    float[] cos = new float[length * dims];
    float[] sin = new float[length * dims];
    int half = dims / 2;
    for (int p = 0; p < length; p++) {
      for (int i = 0; i < half; i++) {
        double angle = p * inverse[i];
        float c = (float) (Math.cos(angle) * scale);
        float s = (float) (Math.sin(angle) * scale);
        int a = interleaved ? 2 * i : i;
        int b = interleaved ? 2 * i + 1 : i + half;
        cos[p * dims + a] = cos[p * dims + b] = c;
        sin[p * dims + a] = sin[p * dims + b] = s;
      }
    }
    NDArray cosTable = m.create(cos, new Shape(length, dims));
    NDArray sinTable = m.create(sin, new Shape(length, dims));
    NDArray rotated = x.get(new NDIndex("..., :" + dims));
    NDArray turned = interleaved ? rotateEveryTwo(rotated) : rotateHalf(rotated);
    // the tables stay float32 (as transformers builds them); the result returns to x's dtype
    NDArray result = rotated.mul(cosTable).add(turned.mul(sinTable)).toType(x.getDataType(), false);
    if (dims == shape.get(3)) {
      return result;
    }
    return result.concat(x.get(new NDIndex("..., " + dims + ":")), -1);
  }

  /** (x1, x2) → (−x2, x1) on the two halves. */
  private NDArray rotateHalf(NDArray x) {
    int half = dims / 2;
    return x.get(new NDIndex("..., " + half + ":")).neg().concat(x.get(new NDIndex("..., :" + half)), -1);
  }

  /** (x₀, x₁, x₂, x₃, …) → (−x₁, x₀, −x₃, x₂, …). */
  private NDArray rotateEveryTwo(NDArray x) {
    Shape shape = x.getShape();
    long[] pairs = new long[shape.dimension() + 1];
    System.arraycopy(shape.getShape(), 0, pairs, 0, shape.dimension());
    pairs[shape.dimension() - 1] = dims / 2;
    pairs[shape.dimension()] = 2;
    NDArray paired = x.reshape(pairs);
    NDArray even = paired.get(new NDIndex("..., 0:1"));
    NDArray odd = paired.get(new NDIndex("..., 1:2"));
    return odd.neg().concat(even, -1).reshape(shape);
  }
}
