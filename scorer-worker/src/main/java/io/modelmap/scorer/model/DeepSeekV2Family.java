package io.modelmap.scorer.model;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * DeepSeek-V2 (V2-Lite, Coder-V2-Lite, ESFT) as modeling_deepseek_v2.py defines it: multi-head latent
 * attention ({@link LatentAttention}) with interleaved rotary embeddings on a part of each head, YaRN
 * whose mscale also enters the score scale (transformers ≥ 5.17, DeepSeek's code, vLLM), RMSNorm, and a
 * mixture of experts after the first first_k_dense_replace dense layers: softmax routing, greedy or
 * group-limited top-k, the weights scaled by routed_scaling_factor, plus ungated shared experts.
 */
final class DeepSeekV2Family extends DecoderFamily {
  /** The latent norms' epsilon: fixed in transformers (and DeepSeek's code), whatever rms_norm_eps says. */
  private static final double LATENT_EPSILON = 1e-6;

  @Override
  DecoderModel build(HfConfig config, NDManager manager, WeightMap w) throws IOException {
    int heads = config.integer("num_attention_heads");
    int layerCount = config.integer("num_hidden_layers");
    double epsilon = config.number("rms_norm_eps", 1e-6);
    int nope = config.integer("qk_nope_head_dim");
    int rope = config.integer("qk_rope_head_dim");
    int valueWidth = config.integer("v_head_dim");
    int kvRank = config.integer("kv_lora_rank");
    boolean compressedQueries = config.has("q_lora_rank");
    Rotary rotary = new Rotary(rope, RopeFrequencies.of(config.json(), rope, config.number("rope_theta", 10_000)), true);
    double scale = Math.pow(nope + rope, -0.5) * yarnScoreFactor(config);
    HiddenActivation activation = HiddenActivation.named(config.text("hidden_act", "silu"));
    List<DecoderLayer> layers = new ArrayList<>();
    for (int l = 0; l < layerCount; l++) {
      String p = "model.layers." + l + ".";
      String a = p + "self_attn.";
      Attention attention = new LatentAttention(compressedQueries ? null : Linear.of(w, a + "q_proj"),
          compressedQueries ? Linear.of(w, a + "q_a_proj") : null,
          compressedQueries ? rms(w, a + "q_a_layernorm", LATENT_EPSILON) : null,
          compressedQueries ? Linear.of(w, a + "q_b_proj") : null, Linear.of(w, a + "kv_a_proj_with_mqa"),
          rms(w, a + "kv_a_layernorm", LATENT_EPSILON), Linear.of(w, a + "kv_b_proj"), Linear.of(w, a + "o_proj"), heads, nope,
          rope, valueWidth, kvRank, rotary, scale);
      layers.add(DecoderLayer.sequential(rms(w, p + "input_layernorm", epsilon), attention,
          rms(w, p + "post_attention_layernorm", epsilon), mlp(config, w, p + "mlp.", l, activation)));
    }
    var head = DecoderModel.OutputHead.of(rms(w, "model.norm", epsilon),
        outputEmbedding(config, w, "lm_head.weight", "model.embed_tokens.weight", false));
    return new DecoderModel(manager, w, DecoderModel.Embeddings.tokens(w.require("model.embed_tokens.weight")), layers,
        head, config.integer("max_position_embeddings", 4096), bosTokenId(config, 100000));
  }

  /** YaRN's mscale(factor, mscale_all_dim)², by which DeepSeek multiplies the softmax scale; 1 without it. */
  private static double yarnScoreFactor(HfConfig config) {
    var scaling = config.path("rope_scaling");
    double all = scaling.path("mscale_all_dim").asDouble(0);
    double factor = scaling.path("factor").asDouble(1);
    if (all == 0 || factor <= 1) {
      return 1;
    }
    double m = 0.1 * all * Math.log(factor) + 1;
    return m * m;
  }

  private static Mlp mlp(HfConfig config, WeightMap w, String p, int layer, HiddenActivation activation)
      throws IOException {
    // transformers reads neither moe_layer_freq nor norm_topk_prob for this family (real checkpoints: 1, false)
    boolean sparse = config.has("n_routed_experts") && layer >= config.integer("first_k_dense_replace", 0);
    if (!sparse) {
      return gated(w, p, activation);
    }
    List<Mlp> experts = new ArrayList<>();
    for (int e = 0; e < config.integer("n_routed_experts"); e++) {
      experts.add(gated(w, p + "experts." + e + ".", activation));
    }
    boolean grouped = config.text("topk_method", "greedy").equals("group_limited_greedy");
    var routing = new MixtureOfExperts.Routing(config.integer("num_experts_per_tok"), false,
        config.number("routed_scaling_factor", 1.0), grouped ? config.integer("n_group") : 1,
        grouped ? config.integer("topk_group") : 1);
    Mlp shared = w.optional(p + "shared_experts.gate_proj.weight") == null ? null
        : gated(w, p + "shared_experts.", activation);
    return new MixtureOfExperts(Linear.of(w, p + "gate"), experts, routing, shared, null);
  }
}
