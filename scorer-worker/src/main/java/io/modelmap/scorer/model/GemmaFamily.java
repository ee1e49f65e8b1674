package io.modelmap.scorer.model;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Gemma, Gemma 2 and Gemma 3 (text) as modeling_gemma.py, modeling_gemma2.py and modeling_gemma3.py
 * define them: RMSNorm scaling by (1 + w) in float32, embeddings times √hidden_size (rounded to the
 * weights' dtype), a head width of its own, tanh-GELU gated MLP, tied head. Gemma 2 adds norms after
 * attention and MLP, query_pre_attn_scalar, soft-capped attention and final logits, and a sliding window
 * on every other layer; Gemma 3 adds per-head q/k norms, local layers (five of six) with their own
 * rotary base, and no soft-capping.
 */
final class GemmaFamily extends DecoderFamily {

  @Override
  DecoderModel build(HfConfig config, NDManager manager, WeightMap w) throws IOException {
    String type = config.modelType();
    boolean second = !type.equals("gemma");
    boolean third = type.startsWith("gemma3");
    int width = config.integer("hidden_size");
    int heads = config.integer("num_attention_heads");
    int kvHeads = config.integer("num_key_value_heads", heads);
    int headWidth = config.integer("head_dim", width / heads);
    int layerCount = config.integer("num_hidden_layers");
    double epsilon = config.number("rms_norm_eps", 1e-6);
    HiddenActivation activation = HiddenActivation.named(config.text("hidden_activation",
        config.text("hidden_act", "gelu_pytorch_tanh")));
    double scale = second ? Math.pow(config.number("query_pre_attn_scalar", headWidth), -0.5) : 1 / Math.sqrt(headWidth);
    Rotary global = new Rotary(headWidth, RopeFrequencies.of(config.json(), headWidth,
        config.number("rope_theta", 10_000)), false);
    Rotary local = third ? new Rotary(headWidth, RopeFrequencies.plain(headWidth,
        config.number("rope_local_base_freq", 10_000)), false) : global;
    int[] windows = slidingWindows(config, layerCount);
    List<DecoderLayer> layers = new ArrayList<>();
    for (int l = 0; l < layerCount; l++) {
      String p = "model.layers." + l + ".";
      SelfAttention.Builder attention = attention(w, p + "self_attn.", "o_proj", heads, kvHeads, headWidth)
          .rotary(windows[l] > 0 ? local : global).scale(scale).window(windows[l])
          .softCap(config.number("attn_logit_softcapping", 0));
      if (third) {
        attention.norms(norm(w, p + "self_attn.q_norm", epsilon), norm(w, p + "self_attn.k_norm", epsilon),
            false);
      }
      Mlp mlp = gated(w, p + "mlp.", activation);
      layers.add(second
          ? new DecoderLayer(DecoderLayer.Residual.SEQUENTIAL, norm(w, p + "input_layernorm", epsilon), attention.build(),
              norm(w, p + "pre_feedforward_layernorm", epsilon), mlp, norm(w, p + "post_attention_layernorm", epsilon),
              norm(w, p + "post_feedforward_layernorm", epsilon), 1)
          : DecoderLayer.sequential(norm(w, p + "input_layernorm", epsilon), attention.build(),
              norm(w, p + "post_attention_layernorm", epsilon), mlp));
    }
    var embeddings = new DecoderModel.Embeddings(w.require("model.embed_tokens.weight"), Math.sqrt(width), null, 0, null,
        null);
    var head = new DecoderModel.OutputHead(norm(w, "model.norm", epsilon), null,
        outputEmbedding(config, w, "lm_head.weight", "model.embed_tokens.weight", true), null, 1,
        config.number("final_logit_softcapping", 0));
    return new DecoderModel(manager, w, embeddings, layers, head, config.integer("max_position_embeddings", 8192),
        bosTokenId(config, 2));
  }

  private static Norm norm(WeightMap w, String name, double epsilon) {
    return new Norm.Rms(w.require(name + ".weight"), epsilon, true);
  }

  /**
   * Gemma: none. Gemma 2: the even layers (0, 2, …). Gemma 3: all but every sliding_window_pattern-th
   * layer. A config's layer_types, when present, decide.
   */
  private static int[] slidingWindows(HfConfig config, int layers) {
    if (config.path("layer_types").isArray() || config.modelType().equals("gemma")) {
      return windows(config, layers, false);
    }
    int window = config.integer("sliding_window", 0);
    int pattern = config.modelType().equals("gemma2") ? 2 : config.integer("sliding_window_pattern", 6);
    int[] windows = new int[layers];
    for (int l = 0; l < layers; l++) {
      windows[l] = (l + 1) % pattern != 0 ? window : 0;
    }
    return windows;
  }
}
