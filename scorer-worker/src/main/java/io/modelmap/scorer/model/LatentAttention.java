package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * DeepSeek-V2's multi-head latent attention: keys and values are rebuilt per head from one compressed
 * vector per position (kv_a_proj_with_mqa → kv_a_layernorm → kv_b_proj); each head's query and key are
 * a part without position ({@code nopeWidth}) and a rotary part ({@code ropeWidth}), the key's rotary
 * part one head shared by all; queries come from q_proj or through their own compression (q_a_proj →
 * q_a_layernorm → q_b_proj).
 *
 * @param query q_proj, or null when queries are compressed
 * @param queryDown q_a_proj, or null
 * @param queryNorm q_a_layernorm, or null
 * @param queryUp q_b_proj, or null
 * @param kvDown kv_a_proj_with_mqa: [kvRank + ropeWidth, width]
 * @param kvUp kv_b_proj: [heads · (nopeWidth + valueWidth), kvRank]
 */
record LatentAttention(Linear query, Linear queryDown, Norm queryNorm, Linear queryUp, Linear kvDown, Norm kvNorm,
    Linear kvUp, Linear output, int heads, int nopeWidth, int ropeWidth, int valueWidth, int kvRank, Rotary rotary,
    double scale) implements Attention {

  @Override
  public NDArray apply(NDArray x, AttentionMasks masks) {
    Shape shape = x.getShape();
    long batch = shape.get(0);
    long length = shape.get(1);
    NDArray q = query != null ? query.apply(x) : queryUp.apply(queryNorm.apply(queryDown.apply(x)));
    q = Ops.heads(q, batch, length, heads, nopeWidth + ropeWidth);
    NDArray compressed = kvDown.apply(x);
    NDArray kvLatent = compressed.get(new NDIndex("..., :" + kvRank));
    NDArray keyRope = rotary.apply(compressed.get(new NDIndex("..., " + kvRank + ":")).reshape(batch, length, 1, ropeWidth)
        .transpose(0, 2, 1, 3));
    NDArray kv = Ops.heads(kvUp.apply(kvNorm.apply(kvLatent)), batch, length, heads, nopeWidth + valueWidth);
    NDArray queries = q.get(new NDIndex("..., :" + nopeWidth))
        .concat(rotary.apply(q.get(new NDIndex("..., " + nopeWidth + ":"))), -1);
    NDArray keys = kv.get(new NDIndex("..., :" + nopeWidth)).concat(keyRope.repeat(1, heads), -1);
    NDArray values = kv.get(new NDIndex("..., " + nopeWidth + ":"));
    return output.apply(ScaledDotProduct.attend(queries, keys, values, scale, 0, null, masks.causal(0)));
  }

  @Override
  public int lengthBoundary() {
    return rotary.lengthBoundary();
  }
}
