package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Causal multi-head self-attention with the variants transformers' families use: grouped-query and
 * multi-query heads, a head width of its own, rotary embeddings or ALiBi, q/k norms per head or over
 * the whole projection, clipped projections, a custom score scale, soft-capped scores and a sliding
 * window.
 *
 * @param rotary null without rotary embeddings
 * @param alibi null without ALiBi
 * @param scale the factor scores are multiplied by (1/√headWidth by default)
 * @param softCap attention logit soft-cap (cap · tanh(s / cap)), 0 for none
 * @param window attend to the last {@code window} positions (self included), 0 for all
 * @param clip clamp q, k and v to [−clip, clip] after projection (OLMo, MPT), 0 for none
 * @param queryNorm null, or a norm of each head's query (or of the whole projection, see {@code normsWholeWidth})
 * @param normsWholeWidth whether the q/k norms run over the whole projection before heads split (OLMo 2)
 */
record SelfAttention(Linear query, Linear key, Linear value, Linear output, int heads, int kvHeads, int headWidth,
    Rotary rotary, Alibi alibi, double scale, double softCap, int window, double clip, Norm queryNorm, Norm keyNorm,
    boolean normsWholeWidth) implements Attention {

  SelfAttention {
    if (heads % kvHeads != 0) {
      throw new IllegalArgumentException(heads + " attention heads do not share " + kvHeads + " key/value heads evenly");
    }
  }

  /** Plain attention over these projections (no rotary, ALiBi, norms, caps, window or clipping, scale 1/√headWidth), to refine. */
  static Builder of(Linear query, Linear key, Linear value, Linear output, int heads, int kvHeads, int headWidth) {
    return new Builder(query, key, value, output, heads, kvHeads, headWidth);
  }

  /** The variants a family switches on, one call each, then {@link #build}. */
  static final class Builder {
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;
    private final int heads;
    private final int kvHeads;
    private final int headWidth;
    private Rotary rotary;
    private Alibi alibi;
    private double scale;
    private double softCap;
    private int window;
    private double clip;
    private Norm queryNorm;
    private Norm keyNorm;
    private boolean normsWholeWidth;

    private Builder(Linear query, Linear key, Linear value, Linear output, int heads, int kvHeads, int headWidth) {
      this.query = query;
      this.key = key;
      this.value = value;
      this.output = output;
      this.heads = heads;
      this.kvHeads = kvHeads;
      this.headWidth = headWidth;
      this.scale = 1 / Math.sqrt(headWidth);
    }

    Builder rotary(Rotary r) {
      rotary = r;
      return this;
    }

    Builder alibi(Alibi a) {
      alibi = a;
      return this;
    }

    Builder scale(double s) {
      scale = s;
      return this;
    }

    Builder softCap(double cap) {
      softCap = cap;
      return this;
    }

    Builder window(int w) {
      window = w;
      return this;
    }

    Builder clip(double c) {
      clip = c;
      return this;
    }

    Builder norms(Norm q, Norm k, boolean wholeWidth) {
      queryNorm = q;
      keyNorm = k;
      normsWholeWidth = wholeWidth;
      return this;
    }

    SelfAttention build() {
      return new SelfAttention(query, key, value, output, heads, kvHeads, headWidth, rotary, alibi, scale, softCap, window,
          clip, queryNorm, keyNorm, normsWholeWidth);
    }
  }

  /** x [batch, length, width] → [batch, length, width]. */
  @Override
  public NDArray apply(NDArray x, AttentionMasks masks) {
    Shape shape = x.getShape();
    long batch = shape.get(0);
    long length = shape.get(1);
    NDArray q = clipped(query.apply(x));
    NDArray k = clipped(key.apply(x));
    NDArray v = clipped(value.apply(x));
    if (queryNorm != null && normsWholeWidth) {
      q = queryNorm.apply(q);
      k = keyNorm.apply(k);
    }
    q = Ops.heads(q, batch, length, heads, headWidth);
    k = Ops.heads(k, batch, length, kvHeads, headWidth);
    v = Ops.heads(v, batch, length, kvHeads, headWidth);
    if (queryNorm != null && !normsWholeWidth) {
      q = queryNorm.apply(q);
      k = keyNorm.apply(k);
    }
    if (rotary != null) {
      q = rotary.apply(q);
      k = rotary.apply(k);
    }
    int groups = heads / kvHeads;
    if (groups > 1) { // each key/value head serves `groups` consecutive query heads
      k = k.repeat(1, groups);
      v = v.repeat(1, groups);
    }
    return output.apply(ScaledDotProduct.attend(q, k, v, scale, softCap, alibi, masks.causal(window)));
  }

  @Override
  public int lengthBoundary() {
    return rotary == null ? Integer.MAX_VALUE : rotary.lengthBoundary();
  }

  private NDArray clipped(NDArray x) {
    return clip > 0 ? x.clip(-clip, clip) : x;
  }
}
