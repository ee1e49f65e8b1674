package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;

/** A causal LM that hands every call to another; a subclass changes only what it adds. */
public abstract class ForwardingLm implements CausalLm {
  protected final CausalLm inner;

  protected ForwardingLm(CausalLm inner) {
    this.inner = inner;
  }

  @Override
  public NDArray logits(NDArray tokenIds) {
    return inner.logits(tokenIds);
  }

  @Override
  public float[] targetLogProbabilities(NDArray tokenIds, long[] targets, long logitBudget) {
    return inner.targetLogProbabilities(tokenIds, targets, logitBudget);
  }

  @Override
  public int lengthBoundary() {
    return inner.lengthBoundary();
  }

  @Override
  public int contextLength() {
    return inner.contextLength();
  }

  @Override
  public long startTokenId() {
    return inner.startTokenId();
  }

  @Override
  public void close() {
    inner.close();
  }
}
