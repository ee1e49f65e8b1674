package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;

/** A causal language model: next-token logits for every position of a batch. */
public interface CausalLm extends AutoCloseable {

  /** The final hidden states [batch, length, width] (after the last norm) for token ids [batch, length] (int64). */
  NDArray hidden(NDArray tokenIds);

  /** The output embedding [vocab, width]: logits = hidden · Wᵀ. */
  NDArray outputEmbedding();

  /** Logits [batch, length, vocab] (float32); scoring computes them in chunks instead, from {@link #hidden}. */
  default NDArray logits(NDArray tokenIds) {
    return hidden(tokenIds).matMul(outputEmbedding().transpose());
  }

  /** The longest sequence one forward pass accepts. */
  int contextLength();

  /** The start token y_0: BOS, or the document separator when the tokenizer has no BOS. */
  long startTokenId();

  @Override
  void close();
}
