package io.modelmap.scorer.checkpoint;

/**
 * The standard deviations of a GPT-2's random initial weights, tensor kind by kind (biases are zero,
 * layer-norm gains one). Each checkpoint maker picks its own: GPT-2's training start, the demo zoo's
 * peaked random models, the throughput benchmark's models.
 *
 * @param tokenEmbedding {@code wte}
 * @param positionEmbedding {@code wpe}
 * @param attention {@code attn.c_attn}
 * @param attentionProjection {@code attn.c_proj}
 * @param feedForward {@code mlp.c_fc}
 * @param feedForwardProjection {@code mlp.c_proj}
 */
public record WeightScales(double tokenEmbedding, double positionEmbedding, double attention,
    double attentionProjection, double feedForward, double feedForwardProjection) {

  public WeightScales {
    for (double s : new double[] {tokenEmbedding, positionEmbedding, attention, attentionProjection, feedForward,
        feedForwardProjection}) {
      if (!(s >= 0) || Double.isInfinite(s)) {
        throw new IllegalArgumentException("a weight scale must be finite and non-negative, was " + s);
      }
    }
  }

  /**
   * GPT-2's initialisation (Hugging Face): N(0, 0.02) weights and position embeddings N(0, 0.01), the
   * residual projections scaled down by 1/√(2·layers).
   */
  public static WeightScales gpt2(int layers) {
    double residual = 0.02 / Math.sqrt(2.0 * layers);
    return new WeightScales(0.02, 0.01, 0.02, residual, 0.02, residual);
  }
}
