package io.modelmap.scorer.model;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Llama family as transformers' modeling_llama.py and its descendants define it: RMSNorm, rotary
 * embeddings, gated MLP, grouped-query attention, tied or untied head. Covers {@code llama},
 * {@code mistral} (sliding window), {@code qwen2} (q/k/v biases, windows from max_window_layers),
 * {@code qwen3} (per-head q/k RMSNorm, head_dim of its own), {@code granite} (embedding, attention.build(),
 * residual and logit multipliers), {@code mixtral} and {@code qwen2_moe} (mixtures of experts).
 */
final class LlamaFamily extends DecoderFamily {

  @Override
  DecoderModel build(HfConfig config, NDManager manager, WeightMap w) throws IOException {
    String type = config.modelType();
    int width = config.integer("hidden_size");
    int heads = config.integer("num_attention_heads");
    int kvHeads = config.integer("num_key_value_heads", heads);
    int headWidth = config.integer("head_dim", width / heads);
    int layerCount = config.integer("num_hidden_layers");
    double epsilon = config.number("rms_norm_eps", 1e-6);
    HiddenActivation activation = HiddenActivation.named(config.text("hidden_act", "silu"));
    int rotaryDims = (int) (headWidth * config.number("partial_rotary_factor", 1.0));
    Rotary rotary = new Rotary(rotaryDims, RopeFrequencies.of(config.json(), rotaryDims,
        config.number("rope_theta", 10_000)), false);
    boolean granite = type.equals("granite");
    int[] windows = windows(config, layerCount, slidingByDefault(config));
    List<DecoderLayer> layers = new ArrayList<>();
    for (int l = 0; l < layerCount; l++) {
      String p = "model.layers." + l + ".";
      SelfAttention.Builder attention = attention(w, p + "self_attn.", "o_proj", heads, kvHeads, headWidth)
          .rotary(rotary).window(windows[l]);
      if (w.optional(p + "self_attn.q_norm.weight") != null) { // Qwen3: RMSNorm over each head's query and key
        attention.norms(rms(w, p + "self_attn.q_norm", epsilon), rms(w, p + "self_attn.k_norm", epsilon),
            false);
      }
      if (granite) {
        attention.scale(config.number("attention_multiplier", 1.0));
      }
      layers.add(new DecoderLayer(DecoderLayer.Residual.SEQUENTIAL, rms(w, p + "input_layernorm", epsilon), attention.build(),
          rms(w, p + "post_attention_layernorm", epsilon), mlp(config, w, p, l, activation), null, null,
          granite ? config.number("residual_multiplier", 1.0) : 1));
    }
    var embeddings = new DecoderModel.Embeddings(w.require("model.embed_tokens.weight"),
        granite ? config.number("embedding_multiplier", 1.0) : 1, null, 0, null, null);
    var head = new DecoderModel.OutputHead(rms(w, "model.norm", epsilon), null,
        outputEmbedding(config, w, "lm_head.weight", "model.embed_tokens.weight", false), null,
        granite ? config.number("logits_scaling", 1.0) : 1, 0);
    return new DecoderModel(manager, w, embeddings, layers, head, config.integer("max_position_embeddings", 2048),
        bosTokenId(config, 1));
  }

  /** Mistral and Mixtral slide every layer when sliding_window is set; Qwen2 and Qwen3 only with use_sliding_window. */
  private static boolean slidingByDefault(HfConfig config) {
    return switch (config.modelType()) {
      case "mistral", "mixtral" -> config.has("sliding_window");
      default -> false;
    };
  }

  private static Mlp mlp(HfConfig config, WeightMap w, String p, int layer, HiddenActivation activation)
      throws IOException {
    if (w.optional(p + "block_sparse_moe.gate.weight") != null) { // Mixtral: w1 gate, w3 up, w2 down
      List<Mlp> experts = new ArrayList<>();
      for (int e = 0; e < config.integer("num_local_experts"); e++) {
        String x = p + "block_sparse_moe.experts." + e + ".";
        experts.add(new Mlp.Gated(Linear.of(w, x + "w1"), Linear.of(w, x + "w3"), Linear.of(w, x + "w2"), activation));
      }
      return new MixtureOfExperts(Linear.of(w, p + "block_sparse_moe.gate"), experts,
          MixtureOfExperts.Routing.topK(config.integer("num_experts_per_tok"), true), null, null);
    }
    if (isQwenMoeLayer(config, layer)) {
      List<Mlp> experts = new ArrayList<>();
      for (int e = 0; e < config.integer("num_experts"); e++) {
        experts.add(gated(w, p + "mlp.experts." + e + ".", activation));
      }
      Mlp shared = w.optional(p + "mlp.shared_expert.gate_proj.weight") == null ? null
          : gated(w, p + "mlp.shared_expert.", activation);
      return new MixtureOfExperts(Linear.of(w, p + "mlp.gate"), experts,
          MixtureOfExperts.Routing.topK(config.integer("num_experts_per_tok"), config.flag("norm_topk_prob", false)),
          shared, shared == null ? null : Linear.of(w, p + "mlp.shared_expert_gate"));
    }
    return gated(w, p + "mlp.", activation);
  }

  /** Qwen2-MoE: a layer is sparse unless listed in mlp_only_layers, every decoder_sparse_step-th layer. */
  private static boolean isQwenMoeLayer(HfConfig config, int layer) {
    if (!config.modelType().equals("qwen2_moe") || config.integer("num_experts", 0) == 0) {
      return false;
    }
    Set<Integer> dense = new HashSet<>();
    config.path("mlp_only_layers").forEach(n -> dense.add(n.asInt()));
    return !dense.contains(layer) && (layer + 1) % config.integer("decoder_sparse_step", 1) == 0;
  }
}
