package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * StableLM (2, 3B-4E1T, Zephyr, stable-code) as modeling_stablelm.py defines it and StarCoder2 as
 * modeling_starcoder2.py does: LayerNorm with bias, rotary embeddings (StableLM: partial, 25 % of each
 * head), grouped-query attention. StableLM: SwiGLU, optional q/k/v biases, optional per-head q/k
 * LayerNorms (one weight per head) and parallel residual. StarCoder2: biases everywhere, a plain tanh-GELU
 * MLP (c_fc, c_proj), a sliding window, tied head.
 */
final class StableLmFamily extends DecoderFamily {

  @Override
  DecoderModel build(HfConfig config, NDManager manager, WeightMap w) throws IOException {
    boolean starcoder = config.modelType().equals("starcoder2");
    int width = config.integer("hidden_size");
    int heads = config.integer("num_attention_heads");
    int kvHeads = config.integer("num_key_value_heads", heads);
    int headWidth = width / heads;
    int layerCount = config.integer("num_hidden_layers");
    double epsilon = config.number(starcoder ? "norm_epsilon" : "layer_norm_eps", 1e-5);
    int rotaryDims = (int) (headWidth * config.number("partial_rotary_factor", starcoder ? 1.0 : 0.25));
    Rotary rotary = new Rotary(rotaryDims, RopeFrequencies.of(config.json(), rotaryDims,
        config.number("rope_theta", 10_000)), false);
    HiddenActivation activation = HiddenActivation.named(config.text("hidden_act", starcoder ? "gelu_pytorch_tanh" : "silu"));
    int[] windows = windows(config, layerCount, starcoder && config.has("sliding_window"));
    boolean parallel = config.flag("use_parallel_residual", false);
    List<DecoderLayer> layers = new ArrayList<>();
    for (int l = 0; l < layerCount; l++) {
      String p = "model.layers." + l + ".";
      SelfAttention.Builder attention = attention(w, p + "self_attn.", "o_proj", heads, kvHeads, headWidth)
          .rotary(rotary).window(windows[l]);
      if (config.flag("qk_layernorm", false)) {
        attention.norms(perHead(w, manager, p + "self_attn.q_layernorm", heads, epsilon),
            perHead(w, manager, p + "self_attn.k_layernorm", kvHeads, epsilon), false);
      }
      Mlp mlp = starcoder
          ? new Mlp.Plain(Linear.of(w, p + "mlp.c_fc"), Linear.of(w, p + "mlp.c_proj"), activation)
          : gated(w, p + "mlp.", activation);
      Norm input = layerNorm(w, p + "input_layernorm", epsilon);
      layers.add(parallel
          ? new DecoderLayer(DecoderLayer.Residual.PARALLEL, input, attention.build(), input, mlp, null, null, 1)
          : DecoderLayer.sequential(input, attention.build(), layerNorm(w, p + "post_attention_layernorm", epsilon), mlp));
    }
    var head = DecoderModel.OutputHead.of(layerNorm(w, "model.norm", epsilon),
        outputEmbedding(config, w, "lm_head.weight", "model.embed_tokens.weight", starcoder));
    return new DecoderModel(manager, w, DecoderModel.Embeddings.tokens(w.require("model.embed_tokens.weight")), layers,
        head, config.integer("max_position_embeddings", 4096), bosTokenId(config, starcoder ? 0 : 100257));
  }

  /** StableLmLayerNormPerHead: one bias-free LayerNorm per head ({@code name.norms.h.weight}), stacked [heads, 1, width]. */
  private static Norm perHead(WeightMap w, NDManager manager, String name, int heads, double epsilon) {
    NDList weights = new NDList();
    for (int h = 0; h < heads; h++) {
      weights.add(w.require(name + ".norms." + h + ".weight"));
    }
    NDArray stacked = NDArrays.stack(weights).expandDims(1);
    stacked.attach(manager);
    return new Norm.Layer(stacked, null, epsilon);
  }
}
