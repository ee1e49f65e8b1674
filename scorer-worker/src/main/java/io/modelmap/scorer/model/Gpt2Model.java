package io.modelmap.scorer.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * GPT-2 (pre-LayerNorm transformer, learned positions, tanh GELU, tied output embedding) on raw DJL
 * NDArray ops. Weights live in one manager, released by {@link #close()}.
 */
public final class Gpt2Model implements CausalLm {
  private final Gpt2Config config;
  private final NDManager manager;
  private final Map<String, NDArray> weights = new HashMap<>();

  private Gpt2Model(Gpt2Config config, NDManager manager) {
    this.config = config;
    this.manager = manager;
  }

  /** Loads the tensors of an HF GPT-2 checkpoint (names with or without the {@code transformer.} prefix). */
  static Gpt2Model load(Gpt2Config config, CheckpointTensors tensors, Device device) throws IOException {
    NDManager manager = NDManager.newBaseManager(device);
    Gpt2Model model = new Gpt2Model(config, manager);
    try {
      for (String name : tensors.names()) {
        String key = name.startsWith("transformer.") ? name.substring("transformer.".length()) : name;
        if (!key.endsWith(".attn.bias") && !key.endsWith(".attn.masked_bias")) {
          model.weights.put(key, tensors.load(name, manager));
        }
      }
      model.require("wte.weight");
      model.require("wpe.weight");
      model.require("ln_f.weight");
      return model;
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  private NDArray require(String name) {
    NDArray w = weights.get(name);
    if (w == null) {
      throw new IllegalArgumentException("GPT-2 checkpoint lacks tensor " + name);
    }
    return w;
  }

  @Override
  public NDArray outputEmbedding() {
    return require("wte.weight");
  }

  @Override
  public NDArray hidden(NDArray tokenIds) {
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

  private NDArray norm(NDArray x, String prefix) {
    return LayerNorm.layerNorm(x, new Shape(config.width()), require(prefix + ".weight"), require(prefix + ".bias"),
        (float) config.layerNormEpsilon()).singletonOrThrow();
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
    NDArray scores = q.matMul(k).div(Math.sqrt(headWidth)).add(mask).softmax(-1);
    NDArray merged = scores.matMul(v).transpose(0, 2, 1, 3).reshape(batch, length, config.width());
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

  @Override
  public void close() {
    manager.close();
  }
}
