package io.modelmap.scorer.validation;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.modelmap.math.Vectors;
import io.modelmap.scorer.model.CausalLm;
import io.modelmap.scorer.scoring.SlidingWindows;
import java.util.List;

/**
 * What modelmap §6 compares, for models that share a tokenizer: per text, the centred per-token
 * log-probabilities ζ_it = log p_i(y_t|y<t) − ℓ_i(x)/n (eq. 28), from the scorer's own
 * {@link CausalLm#targetLogProbabilities} path, and for a pair the exact token-level KL
 * Σ_t KL(p_i(·|y<t) ‖ p_j(·|y<t)) over the full vocabulary, reduced on the device where both models
 * run, so a few numbers per text come back. The text's input positions (the start token, then every
 * token but the last) go through the model in {@link SlidingWindows} of at most the model's context,
 * advancing by {@code stride}: a text that fits is one forward pass.
 */
public final class TokenLevelKl {
  private TokenLevelKl() {}

  /** One model on one text: ζ (one entry per token) and ℓ = Σ_t log p(y_t|y<t). */
  public record Coordinates(double[] zeta, double logLikelihood) {}

  /**
   * A pair on one text: the exact Σ_t KL(p(·|y<t) ‖ q(·|y<t)) and the noise-free ‖ζ_p − ζ_q‖², its
   * expectation when each y_t is drawn from p(·|y<t) instead of read from the text (the histories
   * stay the text's), both in nats.
   */
  public record PairOnText(double exactKl, double expectedZetaDistance) {}

  /** The text's tokens as the scorer tokenizes them, all of them (windows take what exceeds the context). */
  public static long[] tokens(HuggingFaceTokenizer tokenizer, String text) {
    return tokenizer.encode(text).getIds();
  }

  public static Coordinates coordinates(CausalLm model, long[] tokens, int stride, NDManager manager) {
    long[] input = input(model, tokens);
    List<SlidingWindows.Window> windows = SlidingWindows.plan(input.length, model.contextLength(), stride);
    int width = windows.get(0).length(); // every window is as long as the first: the context, or the whole text
    long[] targets = new long[windows.size() * width];
    for (int b = 0; b < windows.size(); b++) {
      System.arraycopy(tokens, windows.get(b).from(), targets, b * width, width);
    }
    float[] all;
    try (NDManager scope = manager.newSubManager()) {
      all = model.targetLogProbabilities(batch(input, windows, scope), targets, LOGIT_BUDGET);
    }
    float[] logProbabilities = new float[tokens.length];
    for (int b = 0; b < windows.size(); b++) {
      SlidingWindows.Window w = windows.get(b);
      System.arraycopy(all, b * width + w.firstScored() - w.from(), logProbabilities, w.firstScored(),
          w.to() - w.firstScored());
    }
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

  /** Σ_t KL(p(·|y<t) ‖ q(·|y<t)) over the text's positions, nats; both models on the same device. */
  public static double exactKl(CausalLm p, CausalLm q, long[] tokens, int stride, NDManager manager) {
    return compare(p, q, tokens, stride, manager).exactKl();
  }

  /**
   * The exact KL and the expected ‖ζ_p − ζ_q‖² of a text. With d_t(v) = log p(v|y<t) − log q(v|y<t),
   * m1_t = E_p d_t (the KL at t) and m2_t = E_p d_t², drawing each y_t independently from p gives
   * E Σ_t (d_t − d̄)² = Σ_t m2_t − (1/n) [Σ_t (m2_t − m1_t²) + (Σ_t m1_t)²].
   */
  public static PairOnText compare(CausalLm p, CausalLm q, long[] tokens, int stride, NDManager manager) {
    if (p.startTokenId() != q.startTokenId()) {
      throw new IllegalArgumentException("the models start texts with different tokens (" + p.startTokenId() + ", "
          + q.startTokenId() + "): they do not share a tokenizer");
    }
    int context = Math.min(p.contextLength(), q.contextLength());
    long[] input = input(p, tokens);
    double[] m1 = new double[tokens.length];
    double[] m2 = new double[tokens.length];
    List<SlidingWindows.Window> windows = SlidingWindows.plan(input.length, context, stride);
    try (NDManager scope = manager.newSubManager()) {
      NDArray ids = batch(input, windows, scope);
      double[][] moments = moments(p.logits(ids).logSoftmax(2), q.logits(ids).logSoftmax(2));
      int width = windows.get(0).length();
      for (int b = 0; b < windows.size(); b++) {
        SlidingWindows.Window w = windows.get(b);
        int from = b * width + w.firstScored() - w.from();
        System.arraycopy(moments[0], from, m1, w.firstScored(), w.to() - w.firstScored());
        System.arraycopy(moments[1], from, m2, w.firstScored(), w.to() - w.firstScored());
      }
    }
    double kl = 0;
    double m2Sum = 0;
    double varianceSum = 0;
    for (int t = 0; t < tokens.length; t++) {
      kl += m1[t];
      m2Sum += m2[t];
      varianceSum += m2[t] - m1[t] * m1[t];
    }
    return new PairOnText(kl, m2Sum - (varianceSum + kl * kl) / tokens.length);
  }

  /** Σ over every position and token of exp(log p)·(log p − log q), for log-distributions of one shape. */
  static double kl(NDArray logP, NDArray logQ) {
    return logP.exp().mul(logP.sub(logQ)).toType(DataType.FLOAT64, false).sum().getDouble();
  }

  /** Per position of [windows, positions, vocab] log-distributions, row-major: E_p d and E_p d², d = log p − log q. */
  private static double[][] moments(NDArray logP, NDArray logQ) {
    NDArray weights = logP.exp().toType(DataType.FLOAT64, false);
    NDArray d = logP.sub(logQ).toType(DataType.FLOAT64, false);
    NDArray weighted = weights.mul(d);
    return new double[][] {weighted.sum(new int[] {2}).toDoubleArray(),
        weighted.mul(d).sum(new int[] {2}).toDoubleArray()};
  }

  /** ‖ζ_p − ζ_q‖², the two models on the same tokens (so ζ of equal length). */
  public static double zetaDistance(Coordinates p, Coordinates q) {
    return Vectors.squaredDistance(p.zeta(), q.zeta());
  }

  /** The start token and every token but the last: position t predicts tokens[t]. */
  private static long[] input(CausalLm model, long[] tokens) {
    if (tokens.length == 0) {
      throw new IllegalArgumentException("an empty text has no tokens to compare");
    }
    long[] input = new long[tokens.length];
    input[0] = model.startTokenId();
    System.arraycopy(tokens, 0, input, 1, tokens.length - 1);
    return input;
  }

  /** The windows' input tokens as one batch [windows, width]: a text past the context is one forward pass too. */
  private static NDArray batch(long[] input, List<SlidingWindows.Window> windows, NDManager manager) {
    int width = windows.get(0).length();
    long[] ids = new long[windows.size() * width];
    for (int b = 0; b < windows.size(); b++) {
      System.arraycopy(input, windows.get(b).from(), ids, b * width, width);
    }
    return manager.create(ids, new Shape(windows.size(), width));
  }

  /** Logits formed at once by the scorer's path (its CPU default). */
  private static final long LOGIT_BUDGET = 2L << 20;
}
