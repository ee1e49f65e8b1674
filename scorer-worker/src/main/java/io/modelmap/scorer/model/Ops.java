package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;

/** The tensor operations the transformer implementations share, on raw DJL NDArrays. */
final class Ops {
  private Ops() {}

  static NDArray embed(NDArray ids, NDArray table) {
    return Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
  }

  /** A PyTorch {@code nn.Linear}: x · Wᵀ + b, with W stored [out, in]; {@code bias} may be null. */
  static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    NDArray y = x.matMul(weight.transpose());
    return bias == null ? y : y.add(bias);
  }

  /** LayerNorm, computed in float32 and returned in x's dtype (as PyTorch does for half inputs on GPU). */
  static NDArray layerNorm(NDArray x, NDArray weight, NDArray bias, double epsilon) {
    NDArray normed = LayerNorm.layerNorm(float32(x), new Shape(weight.getShape().get(0)), float32(weight),
        float32(bias), (float) epsilon).singletonOrThrow();
    return normed.toType(x.getDataType(), false);
  }

  /** RMSNorm: x / √(mean(x²) + ε) · w, normalised in float32 as Hugging Face's Llama does. */
  static NDArray rmsNorm(NDArray x, NDArray weight, double epsilon) {
    NDArray wide = float32(x);
    NDArray normed = wide.mul(wide.square().mean(new int[] {-1}, true).add(epsilon).pow(-0.5));
    return normed.toType(x.getDataType(), false).mul(weight);
  }

  /** Softmax over the last axis in float32 (scores of half weights overflow), returned as {@code dtype}. */
  static NDArray softmax(NDArray scores, DataType dtype) {
    return float32(scores).softmax(-1).toType(dtype, false);
  }

  static NDArray float32(NDArray x) {
    return x.toType(DataType.FLOAT32, false);
  }

  static NDArray silu(NDArray x) {
    return x.mul(x.neg().exp().add(1).pow(-1));
  }

  /** Splits [batch, length, heads·width] into [batch, heads, length, width]. */
  static NDArray heads(NDArray x, long batch, long length, int heads, long width) {
    return x.reshape(batch, length, heads, width).transpose(0, 2, 1, 3);
  }

  /** Causal scaled dot-product attention over [batch, heads, length, width]; back to [batch, length, heads·width]. */
  static NDArray attend(NDArray q, NDArray k, NDArray v, NDArray mask) {
    Shape shape = q.getShape();
    long width = shape.get(3);
    NDArray scores = softmax(q.matMul(k.transpose(0, 1, 3, 2)).div(Math.sqrt(width)).add(mask), v.getDataType());
    return scores.matMul(v).transpose(0, 2, 1, 3).reshape(shape.get(0), shape.get(2), shape.get(1) * width);
  }

  /** Additive mask [length, length]: 0 on and below the diagonal, −∞ above (DJL has no triu). */
  static NDArray causalMask(NDManager m, int length) {
    float[] mask = new float[length * length];
    for (int i = 0; i < length; i++) {
      for (int j = i + 1; j < length; j++) {
        mask[i * length + j] = Float.NEGATIVE_INFINITY;
      }
    }
    return m.create(mask, new Shape(length, length));
  }
}
