package io.modelmap.scorer.validation;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.modelmap.math.Vectors;
import io.modelmap.scorer.model.CausalLm;
import java.util.Arrays;

/**
 * What modelmap §6 compares, for models that share a tokenizer: per text, the centred per-token
 * log-probabilities ζ_it = log p_i(y_t|y<t) − ℓ_i(x)/n (eq. 28), from the scorer's own
 * {@link CausalLm#targetLogProbabilities} path, and for a pair the exact token-level KL
 * Σ_t KL(p_i(·|y<t) ‖ p_j(·|y<t)) over the full vocabulary, reduced on the device where both models
 * run, so one number per text comes back. A text is the start token and at most {@code context}
 * tokens, one forward pass.
 */
public final class TokenLevelKl {
  private TokenLevelKl() {}

  /** One model on one text: ζ (one entry per token) and ℓ = Σ_t log p(y_t|y<t). */
  public record Coordinates(double[] zeta, double logLikelihood) {}

  /** The text's tokens as the scorer tokenizes them, cut to what one forward pass of {@code context} holds. */
  public static long[] tokens(HuggingFaceTokenizer tokenizer, String text, int context) {
    long[] ids = tokenizer.encode(text).getIds();
    return ids.length <= context ? ids : Arrays.copyOf(ids, context);
  }

  public static Coordinates coordinates(CausalLm model, long[] tokens, NDManager manager) {
    try (NDManager scope = manager.newSubManager()) {
      float[] logProbabilities = model.targetLogProbabilities(input(model, tokens, scope), tokens, LOGIT_BUDGET);
      double sum = 0;
      for (float l : logProbabilities) {
        sum += l;
      }
      double[] zeta = new double[tokens.length];
      for (int t = 0; t < tokens.length; t++) {
        zeta[t] = logProbabilities[t] - sum / tokens.length;
      }
      return new Coordinates(zeta, sum);
    }
  }

  /** Σ_t KL(p(·|y<t) ‖ q(·|y<t)) over the text's positions, nats; both models on the same device. */
  public static double exactKl(CausalLm p, CausalLm q, long[] tokens, NDManager manager) {
    if (p.startTokenId() != q.startTokenId()) {
      throw new IllegalArgumentException("the models start texts with different tokens (" + p.startTokenId() + ", "
          + q.startTokenId() + "): they do not share a tokenizer");
    }
    try (NDManager scope = manager.newSubManager()) {
      NDArray ids = input(p, tokens, scope);
      return kl(p.logits(ids).logSoftmax(2), q.logits(ids).logSoftmax(2));
    }
  }

  /** Σ over every position and token of exp(log p)·(log p − log q), for log-distributions of one shape. */
  static double kl(NDArray logP, NDArray logQ) {
    return logP.exp().mul(logP.sub(logQ)).toType(DataType.FLOAT64, false).sum().getDouble();
  }

  /** ‖ζ_p − ζ_q‖², the two models on the same tokens (so ζ of equal length). */
  public static double zetaDistance(Coordinates p, Coordinates q) {
    return Vectors.squaredDistance(p.zeta(), q.zeta());
  }

  /** The start token and every token but the last: position t predicts tokens[t]. */
  private static NDArray input(CausalLm model, long[] tokens, NDManager manager) {
    long[] input = new long[tokens.length];
    input[0] = model.startTokenId();
    System.arraycopy(tokens, 0, input, 1, tokens.length - 1);
    return manager.create(input, new Shape(1, input.length));
  }

  /** Logits formed at once by the scorer's path (its CPU default). */
  private static final long LOGIT_BUDGET = 2L << 20;
}
