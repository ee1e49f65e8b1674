package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;

/**
 * One decoder layer: attention and feed-forward around the residual stream, in the arrangement the
 * family uses. Norms that a family lacks are null.
 *
 * @param attentionNorm the norm before attention (input_layernorm, ln_1), null for post-norm-only layers (OLMo 2)
 * @param mlpNorm the norm before the feed-forward (the same object as {@code attentionNorm} where the family shares one)
 * @param attentionOutputNorm a norm of the attention's output before it joins the residual (Gemma 2, OLMo 2)
 * @param mlpOutputNorm a norm of the feed-forward's output before it joins the residual
 */
record DecoderLayer(Residual residual, Norm attentionNorm, Attention attention, Norm mlpNorm, Mlp mlp,
    Norm attentionOutputNorm, Norm mlpOutputNorm, double residualMultiplier) {

  /** How attention and feed-forward meet the residual stream. */
  enum Residual {
    /** x += attn(norm₁(x)); x += mlp(norm₂(x)) (Llama, GPT-2 and most). */
    SEQUENTIAL,
    /** x += attn(norm₁(x)) + mlp(norm₂(x)), both from the same x (GPT-J, GPT-NeoX, Falcon, Phi). */
    PARALLEL,
    /** x = norm₁(x + attn(x)); x = norm₂(x + mlp(x)) (OPT-350m's post-norm). */
    POST_NORM
  }

  static DecoderLayer sequential(Norm attentionNorm, Attention attention, Norm mlpNorm, Mlp mlp) {
    return new DecoderLayer(Residual.SEQUENTIAL, attentionNorm, attention, mlpNorm, mlp, null, null, 1);
  }

  NDArray apply(NDArray x, AttentionMasks masks) {
    return switch (residual) {
      case SEQUENTIAL -> {
        NDArray h = attention.apply(normed(attentionNorm, x), masks);
        x = x.add(scaled(normed(attentionOutputNorm, h)));
        NDArray f = mlp.apply(normed(mlpNorm, x));
        yield x.add(scaled(normed(mlpOutputNorm, f)));
      }
      case PARALLEL -> {
        NDArray forAttention = normed(attentionNorm, x);
        NDArray forMlp = mlpNorm == attentionNorm ? forAttention : normed(mlpNorm, x);
        yield x.add(attention.apply(forAttention, masks)).add(mlp.apply(forMlp));
      }
      case POST_NORM -> {
        NDArray attended = attentionNorm.apply(x.add(attention.apply(x, masks)));
        yield mlpNorm.apply(attended.add(mlp.apply(attended)));
      }
    };
  }

  private static NDArray normed(Norm norm, NDArray x) {
    return norm == null ? x : norm.apply(x);
  }

  private NDArray scaled(NDArray x) {
    return residualMultiplier == 1 ? x : x.mul(residualMultiplier);
  }
}
