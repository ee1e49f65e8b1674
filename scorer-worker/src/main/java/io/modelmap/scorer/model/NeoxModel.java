package io.modelmap.scorer.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import java.io.IOException;

/**
 * GPT-NeoX (Pythia): LayerNorm, fused query/key/value laid out per head, partial rotary embeddings,
 * exact GELU, parallel (or sequential) residual, untied output embedding, on raw DJL NDArrays.
 */
public final class NeoxModel extends TransformerLm {
  private final NeoxConfig config;
  private final Rotary rotary;

  private NeoxModel(NeoxConfig config, NDManager manager, WeightMap weights) {
    super(manager, weights);
    this.config = config;
    this.rotary = new Rotary(config.rotaryDims(), Rotary.inverseFrequencies(config.rotaryDims(), config.rotaryBase()));
    weights.require("gpt_neox.embed_in.weight");
  }

  static NeoxModel load(NeoxConfig config, CheckpointTensors tensors, Device device, DataType dtype)
      throws IOException {
    return TransformerLm.load("GPT-NeoX", tensors, device, dtype, "",
        (manager, weights) -> new NeoxModel(config, manager, weights));
  }

  @Override
  NDArray outputEmbedding() {
    return weights.require("embed_out.weight");
  }

  @Override
  NDArray hidden(NDArray tokenIds) {
    long batch = tokenIds.getShape().get(0);
    long length = tokenIds.getShape().get(1);
    NDArray x = Ops.embed(tokenIds, weights.require("gpt_neox.embed_in.weight"));
    NDArray mask = Ops.causalMask(tokenIds.getManager(), (int) length);
    for (int layer = 0; layer < config.layers(); layer++) {
      String p = "gpt_neox.layers." + layer + ".";
      NDArray attended = attention(norm(x, p + "input_layernorm"), p + "attention.", mask, batch, length);
      if (config.parallelResidual()) {
        x = x.add(attended).add(mlp(norm(x, p + "post_attention_layernorm"), p + "mlp."));
      } else {
        x = x.add(attended);
        x = x.add(mlp(norm(x, p + "post_attention_layernorm"), p + "mlp."));
      }
    }
    return norm(x, "gpt_neox.final_layer_norm");
  }

  private NDArray norm(NDArray x, String prefix) {
    return Ops.layerNorm(x, weights.require(prefix + ".weight"), weights.require(prefix + ".bias"),
        config.layerNormEpsilon());
  }

  private NDArray dense(NDArray x, String name) {
    return Ops.linear(x, weights.require(name + ".weight"), weights.optional(name + ".bias"));
  }

  private NDArray attention(NDArray x, String p, NDArray mask, long batch, long length) {
    long width = config.headWidth();
    // query_key_value's output is [heads, 3·width] per position: q, k, v of each head side by side
    NDArray qkv = dense(x, p + "query_key_value").reshape(batch, length, config.heads(), 3 * width)
        .transpose(0, 2, 1, 3);
    NDList parts = qkv.split(3, 3);
    NDArray q = rotary.apply(parts.get(0));
    NDArray k = rotary.apply(parts.get(1));
    return dense(Ops.attend(q, k, parts.get(2), mask), p + "dense");
  }

  private NDArray mlp(NDArray x, String p) {
    return dense(Activation.gelu(dense(x, p + "dense_h_to_4h")), p + "dense_4h_to_h");
  }

  @Override
  public int contextLength() {
    return config.contextLength();
  }

  @Override
  public long startTokenId() {
    return config.bosTokenId();
  }
}
