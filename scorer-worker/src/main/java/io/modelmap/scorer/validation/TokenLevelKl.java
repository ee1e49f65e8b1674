package io.modelmap.scorer.validation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.modelmap.scorer.model.CausalLm;
import java.nio.charset.StandardCharsets;

/**
 * What modelmap §6 compares, for models that share the byte-level tokenizer: per text, each model's
 * full next-token distributions at every position (the scorer's forward pass, float32
 * log-softmax), from which come the exact token-level KL Σ_t KL(p_i(·|y<t) ‖ p_j(·|y<t)) and the
 * centred per-token log-probabilities ζ_it = log p_i(y_t|y<t) − ℓ_i(x)/n (eq. 28). Texts must fit one
 * forward pass (the start token and at most context − 1 bytes), so no window is needed.
 */
public final class TokenLevelKl {
  private TokenLevelKl() {}

  /** One model on one text: its log-distribution at every position [n][vocab] and its ζ (length n). */
  public record TextDistributions(float[][] logProbabilities, double[] zeta, double logLikelihood) {}

  public static TextDistributions of(CausalLm model, String text, NDManager manager) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length + 1 > model.contextLength()) {
      throw new IllegalArgumentException("a text of " + bytes.length + " bytes does not fit the context of "
          + model.contextLength() + "; cut texts to at most " + (model.contextLength() - 1) + " bytes");
    }
    long[] tokens = new long[bytes.length + 1];
    tokens[0] = model.startTokenId();
    for (int t = 0; t < bytes.length; t++) {
      tokens[t + 1] = bytes[t] & 0xFF;
    }
    try (NDManager scope = manager.newSubManager()) {
      NDArray ids = scope.create(tokens, new Shape(1, tokens.length));
      NDArray logits = model.logits(ids);
      long vocab = logits.getShape().get(2);
      float[] flat = logits.reshape(tokens.length, vocab).logSoftmax(1).toFloatArray();
      int n = bytes.length;
      float[][] log = new float[n][];
      double[] target = new double[n];
      double sum = 0;
      for (int t = 0; t < n; t++) { // position t predicts token t + 1
        log[t] = java.util.Arrays.copyOfRange(flat, (int) (t * vocab), (int) ((t + 1) * vocab));
        target[t] = log[t][(int) tokens[t + 1]];
        sum += target[t];
      }
      double[] zeta = new double[n];
      for (int t = 0; t < n; t++) {
        zeta[t] = target[t] - sum / n;
      }
      return new TextDistributions(log, zeta, sum);
    }
  }

  /** Σ_t KL(p(·|y<t) ‖ q(·|y<t)) over the text's positions, nats. */
  public static double exactKl(TextDistributions p, TextDistributions q) {
    double kl = 0;
    for (int t = 0; t < p.logProbabilities().length; t++) {
      float[] lp = p.logProbabilities()[t];
      float[] lq = q.logProbabilities()[t];
      for (int v = 0; v < lp.length; v++) {
        kl += Math.exp(lp[v]) * (lp[v] - lq[v]);
      }
    }
    return kl;
  }

  /** ‖ζ_p − ζ_q‖². */
  public static double zetaDistance(TextDistributions p, TextDistributions q) {
    double d = 0;
    for (int t = 0; t < p.zeta().length; t++) {
      double e = p.zeta()[t] - q.zeta()[t];
      d += e * e;
    }
    return d;
  }

}
