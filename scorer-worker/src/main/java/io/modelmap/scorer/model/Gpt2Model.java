package io.modelmap.scorer.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;

/**
 * GPT-2 (pre-LayerNorm transformer, learned positions, tanh GELU, tied output embedding) on raw DJL
 * NDArray ops.
 */
public final class Gpt2Model extends TransformerLm implements IncrementalLm {
  private final Gpt2Config config;

  private Gpt2Model(Gpt2Config config, NDManager manager, WeightMap weights) {
    super(manager, weights);
    this.config = config;
    weights.require("wpe.weight");
    weights.require("ln_f.weight");
  }

  /** Loads the tensors of an HF GPT-2 checkpoint (names with or without the {@code transformer.} prefix). */
  static Gpt2Model load(Gpt2Config config, CheckpointTensors tensors, Device device, DataType dtype)
      throws IOException {
    return TransformerLm.load("GPT-2", tensors, device, dtype, "transformer.",
        (manager, weights) -> new Gpt2Model(config, manager, weights));
  }

  /**
   * A model on tensors the caller owns (training attaches gradients to them), by their Hugging Face
   * names without the {@code transformer.} prefix; {@code manager} is closed with the model.
   */
  public static Gpt2Model of(Gpt2Config config, NDManager manager, java.util.Map<String, NDArray> tensors) {
    return new Gpt2Model(config, manager, WeightMap.of("GPT-2", tensors));
  }

  @Override
  NDArray outputEmbedding() {
    return require("wte.weight");
  }

  private NDArray require(String name) {
    return weights.require(name);
  }

  @Override
  NDArray hidden(NDArray tokenIds) {
    long batch = tokenIds.getShape().get(0);
    long length = tokenIds.getShape().get(1);
    NDManager m = tokenIds.getManager();
    NDArray positions = m.arange(0, (int) length, 1, DataType.INT64).broadcast(batch, length);
    NDArray x = Ops.embed(tokenIds, require("wte.weight")).add(Ops.embed(positions, require("wpe.weight")));
    NDArray mask = Ops.causalMask(m, (int) length);
    for (int layer = 0; layer < config.layers(); layer++) {
      String p = "h." + layer + ".";
      x = x.add(attention(norm(x, p + "ln_1"), p + "attn.", mask, batch, length));
      x = x.add(mlp(norm(x, p + "ln_2"), p + "mlp."));
    }
    return norm(x, "ln_f");
  }

  @Override
  public KvCache newCache(NDManager manager) {
    return new KvCache(manager, config.layers());
  }

  @Override
  public NDArray nextLogits(NDArray tokenIds, NDArray positions, NDArray bias, KvCache cache) {
    long batch = tokenIds.getShape().get(0);
    long length = tokenIds.getShape().get(1);
    NDArray x = Ops.embed(tokenIds, require("wte.weight")).add(Ops.embed(positions, require("wpe.weight")));
    for (int layer = 0; layer < config.layers(); layer++) {
      String p = "h." + layer + ".";
      x = x.add(cachedAttention(norm(x, p + "ln_1"), p + "attn.", bias, batch, length, cache, layer));
      x = x.add(mlp(norm(x, p + "ln_2"), p + "mlp."));
    }
    NDArray last = norm(x, "ln_f").get(":, -1, :"); // [batch, width]
    return last.matMul(outputEmbedding().transpose()).toType(DataType.FLOAT32, false);
  }

  /** As {@link #attention}, the keys and values of the new positions appended to those cached. */
  private NDArray cachedAttention(NDArray x, String prefix, NDArray bias, long batch, long length, KvCache cache,
      int layer) {
    int heads = config.heads();
    long headWidth = config.width() / heads;
    NDList qkv = conv1d(x, prefix + "c_attn").split(3, 2);
    NDArray q = Ops.heads(qkv.get(0), batch, length, heads, headWidth);
    NDArray[] kv = cache.append(layer, Ops.heads(qkv.get(1), batch, length, heads, headWidth),
        Ops.heads(qkv.get(2), batch, length, heads, headWidth));
    NDArray weights = Ops.softmax(q.matMul(kv[0].transpose(0, 1, 3, 2)).div(Math.sqrt(headWidth)).add(bias),
        kv[1].getDataType());
    NDArray merged = weights.matMul(kv[1]).transpose(0, 2, 1, 3).reshape(batch, length, config.width());
    return conv1d(merged, prefix + "c_proj");
  }

  private NDArray norm(NDArray x, String prefix) {
    return Ops.layerNorm(x, require(prefix + ".weight"), require(prefix + ".bias"), config.layerNormEpsilon());
  }

  /** GPT-2's Conv1D: x · W + b with W stored [in, out]. */
  private NDArray conv1d(NDArray x, String prefix) {
    return x.matMul(require(prefix + ".weight")).add(require(prefix + ".bias"));
  }

  private NDArray attention(NDArray x, String prefix, NDArray mask, long batch, long length) {
    int heads = config.heads();
    long headWidth = config.width() / heads;
    NDList qkv = conv1d(x, prefix + "c_attn").split(3, 2);
    NDArray q = qkv.get(0).reshape(batch, length, heads, headWidth).transpose(0, 2, 1, 3);
    NDArray k = qkv.get(1).reshape(batch, length, heads, headWidth).transpose(0, 2, 3, 1);
    NDArray v = qkv.get(2).reshape(batch, length, heads, headWidth).transpose(0, 2, 1, 3);
    NDArray weights = Ops.softmax(q.matMul(k).div(Math.sqrt(headWidth)).add(mask), v.getDataType());
    NDArray merged = weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, length, config.width());
    return conv1d(merged, prefix + "c_proj");
  }

  private NDArray mlp(NDArray x, String prefix) {
    return conv1d(geluTanh(conv1d(x, prefix + "c_fc")), prefix + "c_proj");
  }

  /** GPT-2's gelu_new: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))); DJL's gelu is the erf form. */
  private static NDArray geluTanh(NDArray x) {
    NDArray inner = x.add(x.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
    return x.mul(0.5).mul(inner.tanh().add(1));
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
