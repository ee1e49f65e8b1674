package io.modelmap.scorer.validation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.modelmap.scorer.model.CausalLm;

/**
 * A causal LM written out by hand for tests: the logits at a window's position are a function of
 * that position's input token and its index in the window (nothing else), so what a window plan gives
 * is known in closed form.
 */
final class ToyLm implements CausalLm {
  /** Logits over the vocabulary for input token {@code token} at index {@code position} of its window. */
  interface Rule {
    double[] logits(int token, int position);
  }

  private final Rule rule;
  private final int vocab;
  private final int context;

  ToyLm(Rule rule, int vocab, int context) {
    this.rule = rule;
    this.vocab = vocab;
    this.context = context;
  }

  @Override
  public NDArray logits(NDArray tokenIds) {
    long[] ids = tokenIds.toLongArray();
    int length = (int) tokenIds.getShape().get(1);
    if (length > context) {
      throw new IllegalStateException("a window of " + length + " tokens exceeds the context " + context);
    }
    float[] out = new float[ids.length * vocab];
    for (int i = 0; i < ids.length; i++) {
      double[] row = rule.logits((int) ids[i], i % length);
      for (int v = 0; v < vocab; v++) {
        out[i * vocab + v] = (float) row[v];
      }
    }
    return tokenIds.getManager().create(out, new Shape(tokenIds.getShape().get(0), length, vocab));
  }

  @Override
  public float[] targetLogProbabilities(NDArray tokenIds, long[] targets, long logitBudget) {
    float[] logProbabilities = logits(tokenIds).logSoftmax(2).toFloatArray();
    float[] out = new float[targets.length];
    for (int p = 0; p < targets.length; p++) {
      out[p] = logProbabilities[p * vocab + (int) targets[p]];
    }
    return out;
  }

  @Override
  public int contextLength() {
    return context;
  }

  @Override
  public long startTokenId() {
    return 0;
  }

  @Override
  public void close() {
  }
}
