package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * softmax(q·kᵀ · scale + bias + mask) · v over heads, scores in float32: the step every attention
 * variant ends with.
 */
final class ScaledDotProduct {
  private ScaledDotProduct() {}

  /**
   * q, k [batch, heads, length, d], v [batch, heads, length, dv] (key/value heads already repeated);
   * ALiBi (or null) added before or after the scale as the family does; scores soft-capped at
   * {@code softCap} (0 for none). Returns [batch, length, heads · dv].
   */
  static NDArray attend(NDArray q, NDArray k, NDArray v, double scale, double softCap, Alibi alibi, NDArray mask) {
    Shape shape = v.getShape();
    int length = (int) q.getShape().get(2);
    NDArray scores = Ops.float32(q.matMul(k.transpose(0, 1, 3, 2)));
    if (alibi != null && alibi.scaled()) {
      scores = scores.add(alibi.bias(q.getManager(), length)).mul(scale);
    } else {
      scores = scores.mul(scale);
      if (alibi != null) {
        scores = scores.add(alibi.bias(q.getManager(), length));
      }
    }
    if (softCap > 0) {
      scores = scores.div(softCap).tanh().mul(softCap);
    }
    NDArray weights = scores.add(mask).softmax(-1).toType(v.getDataType(), false);
    return weights.matMul(v).transpose(0, 2, 1, 3).reshape(shape.get(0), length, shape.get(1) * shape.get(3));
  }
}
