package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;

/** A causal language model: the log-probability of each next token, for every position of a batch. */
public interface CausalLm extends AutoCloseable {

  /** Logits [batch, length, vocab] in float32 for token ids [batch, length] (int64), all at once. */
  NDArray logits(NDArray tokenIds);

  /**
   * log p(targets[i]) at each of the batch·length positions of token ids [batch, length], row-major,
   * computed in float32 and copied to the host. Where the model allows it, at most about
   * {@code logitBudget} logits exist at a time, so a large vocabulary never needs [batch, length, vocab].
   */
  float[] targetLogProbabilities(NDArray tokenIds, long[] targets, long logitBudget);

  /**
   * The sequence length above which the model computes differently (LongRoPE's long factors); a batch
   * padded past it would score its shorter windows in the wrong regime, so batches never mix the two
   * sides. {@link Integer#MAX_VALUE} for models without one.
   */
  default int lengthBoundary() {
    return Integer.MAX_VALUE;
  }

  /** The longest sequence one forward pass accepts. */
  int contextLength();

  /** The start token y_0: BOS, or the document separator when the tokenizer has no BOS. */
  long startTokenId();

  @Override
  void close();
}
