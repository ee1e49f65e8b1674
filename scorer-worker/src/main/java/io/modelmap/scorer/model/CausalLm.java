package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;

/** A causal language model: next-token logits for every position of a batch. */
public interface CausalLm extends AutoCloseable {

  /** Logits of shape [batch, length, vocab] (float32) for token ids of shape [batch, length] (int64). */
  NDArray logits(NDArray tokenIds);

  /** The longest sequence one forward pass accepts. */
  int contextLength();

  /** The start token y_0: BOS, or the document separator when the tokenizer has no BOS. */
  long startTokenId();

  @Override
  void close();
}
