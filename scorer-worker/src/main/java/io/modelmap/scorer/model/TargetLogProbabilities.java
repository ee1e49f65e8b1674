package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Log-softmax and gather of the targets, in float32 on the device, whatever the weights' dtype. */
final class TargetLogProbabilities {
  private TargetLogProbabilities() {}

  /** log p(target) for logits [rows, vocab] and one target per row; only [rows] floats go to the host. */
  static float[] of(NDArray logits, long[] targets) {
    NDArray targetIds = logits.getManager().create(targets, new Shape(targets.length, 1));
    return logits.toType(DataType.FLOAT32, false).logSoftmax(1).gather(targetIds, 1).toFloatArray();
  }
}
