package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** A causal LM that can be fed a few positions at a time against a {@link KvCache} of the earlier ones. */
public interface IncrementalLm extends CausalLm {
  KvCache newCache(NDManager manager);

  /**
   * Feeds token ids [batch, n] at their positions [batch, n] (int64), with an additive attention bias
   * [batch, 1, n, cached + n] (0 to attend, −∞ not to), appends their keys and values to {@code cache}
   * and returns the float32 logits [batch, vocab] of each row's last position.
   */
  NDArray nextLogits(NDArray tokenIds, NDArray positions, NDArray bias, KvCache cache);
}
