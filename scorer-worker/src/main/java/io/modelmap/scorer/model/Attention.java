package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;

/** The attention block of a decoder layer: x [batch, length, width] → [batch, length, width]. */
interface Attention {
  NDArray apply(NDArray x, AttentionMasks masks);

  /** The sequence length above which it computes differently (LongRoPE), else {@link Integer#MAX_VALUE}. */
  int lengthBoundary();
}
