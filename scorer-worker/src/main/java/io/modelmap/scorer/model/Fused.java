package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Splits a fused projection (query, key and value in one weight) into its parts at load time, so the
 * forward pass sees plain projections whatever the checkpoint's layout. Checkpoints lay the parts out
 * in equal groups of rows — per head (GPT-NeoX, BLOOM), per key/value group (Falcon's new decoder),
 * per model-parallel slice (CodeGen) or once (MPT, Phi-3) — each group holding the parts side by side.
 */
final class Fused {
  private Fused() {}

  /**
   * Rows [from, from + size) of each of {@code groups} equal groups of rows, concatenated: for a weight
   * [groups · groupRows, in] the result is [groups · size, in]; a bias [groups · groupRows] gives
   * [groups · size].
   */
  static NDArray rows(NDArray fused, int groups, long from, long size) {
    Shape shape = fused.getShape();
    long groupRows = shape.get(0) / groups;
    if (groupRows * groups != shape.get(0) || from + size > groupRows) {
      throw new IllegalArgumentException("a fused projection of " + shape.get(0) + " rows does not split into "
          + groups + " groups with rows [" + from + ", " + (from + size) + ")");
    }
    long[] grouped = new long[shape.dimension() + 1];
    grouped[0] = groups;
    grouped[1] = groupRows;
    for (int d = 1; d < shape.dimension(); d++) {
      grouped[d + 1] = shape.get(d);
    }
    long[] result = shape.getShape().clone();
    result[0] = groups * size;
    return fused.reshape(grouped).get(new NDIndex(":, " + from + ":" + (from + size))).reshape(result);
  }
}
