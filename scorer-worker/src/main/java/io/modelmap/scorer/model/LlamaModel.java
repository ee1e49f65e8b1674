package io.modelmap.scorer.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;

/**
 * The Llama family (Llama 1–3, Mistral, Qwen2): RMSNorm, rotary embeddings, SwiGLU, grouped-query
 * attention, tied or untied output embedding, optional q/k/v biases (Qwen2), on raw DJL NDArrays.
 */
public final class LlamaModel extends TransformerLm {
  private final LlamaConfig config;
  private final Rotary rotary;

  private LlamaModel(LlamaConfig config, NDManager manager, WeightMap weights) {
    super(manager, weights);
    this.config = config;
    this.rotary = new Rotary(config.headWidth(), config.inverseFrequencies());
    weights.require("model.embed_tokens.weight");
  }

  static LlamaModel load(LlamaConfig config, CheckpointTensors tensors, Device device, DataType dtype)
      throws IOException {
    return TransformerLm.load("Llama", tensors, device, dtype, "",
        (manager, weights) -> new LlamaModel(config, manager, weights));
  }

  @Override
  NDArray outputEmbedding() {
    NDArray head = weights.optional("lm_head.weight");
    return head != null ? head : weights.require("model.embed_tokens.weight");
  }

  @Override
  NDArray hidden(NDArray tokenIds) {
    long batch = tokenIds.getShape().get(0);
    long length = tokenIds.getShape().get(1);
    NDArray x = Ops.embed(tokenIds, weights.require("model.embed_tokens.weight"));
    NDArray mask = Ops.causalMask(tokenIds.getManager(), (int) length);
    for (int layer = 0; layer < config.layers(); layer++) {
      String p = "model.layers." + layer + ".";
      x = x.add(attention(norm(x, p + "input_layernorm"), p + "self_attn.", mask, batch, length));
      x = x.add(mlp(norm(x, p + "post_attention_layernorm"), p + "mlp."));
    }
    return norm(x, "model.norm");
  }

  private NDArray norm(NDArray x, String prefix) {
    return Ops.rmsNorm(x, weights.require(prefix + ".weight"), config.rmsEpsilon());
  }

  private NDArray projection(NDArray x, String name) {
    return Ops.linear(x, weights.require(name + ".weight"), weights.optional(name + ".bias"));
  }

  private NDArray attention(NDArray x, String p, NDArray mask, long batch, long length) {
    long width = config.headWidth();
    NDArray q = rotary.apply(Ops.heads(projection(x, p + "q_proj"), batch, length, config.heads(), width));
    NDArray k = rotary.apply(Ops.heads(projection(x, p + "k_proj"), batch, length, config.kvHeads(), width));
    NDArray v = Ops.heads(projection(x, p + "v_proj"), batch, length, config.kvHeads(), width);
    int groups = config.heads() / config.kvHeads();
    if (groups > 1) { // each key/value head serves `groups` consecutive query heads
      k = k.repeat(1, groups);
      v = v.repeat(1, groups);
    }
    return projection(Ops.attend(q, k, v, mask), p + "o_proj");
  }

  private NDArray mlp(NDArray x, String p) {
    return projection(Ops.silu(projection(x, p + "gate_proj")).mul(projection(x, p + "up_proj")), p + "down_proj");
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
