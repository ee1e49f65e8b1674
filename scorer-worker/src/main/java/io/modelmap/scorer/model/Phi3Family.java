package io.modelmap.scorer.model;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Phi-3 and Phi-4-mini as modeling_phi3.py defines them: the Llama layer with query/key/value fused
 * one after another in qkv_proj and gate/up fused in gate_up_proj, LongRoPE scaling, partial rotary
 * embeddings (partial_rotary_factor) and a sliding window when the config sets one.
 */
final class Phi3Family extends DecoderFamily {

  @Override
  DecoderModel build(HfConfig config, NDManager manager, WeightMap w) throws IOException {
    int width = config.integer("hidden_size");
    int heads = config.integer("num_attention_heads");
    int kvHeads = config.integer("num_key_value_heads", heads);
    int headWidth = config.integer("head_dim", width / heads);
    int layerCount = config.integer("num_hidden_layers");
    double epsilon = config.number("rms_norm_eps", 1e-5);
    int rotaryDims = (int) (headWidth * config.number("partial_rotary_factor", 1.0));
    Rotary rotary = new Rotary(rotaryDims, RopeFrequencies.of(config.json(), rotaryDims,
        config.number("rope_theta", 10_000)), false);
    HiddenActivation activation = HiddenActivation.named(config.text("hidden_act", "silu"));
    int[] windows = windows(config, layerCount, config.has("sliding_window"));
    long queryRows = (long) heads * headWidth;
    long kvRows = (long) kvHeads * headWidth;
    List<DecoderLayer> layers = new ArrayList<>();
    for (int l = 0; l < layerCount; l++) {
      String p = "model.layers." + l + ".";
      Linear qkv = Linear.of(w, p + "self_attn.qkv_proj");
      SelfAttention.Builder attention = SelfAttention.of(qkv.rows(1, 0, queryRows), qkv.rows(1, queryRows, kvRows),
          qkv.rows(1, queryRows + kvRows, kvRows), Linear.of(w, p + "self_attn.o_proj"), heads, kvHeads, headWidth)
          .rotary(rotary).window(windows[l]);
      Linear gateUp = Linear.of(w, p + "mlp.gate_up_proj");
      long inner = gateUp.outputs() / 2;
      Mlp mlp = new Mlp.Gated(gateUp.rows(1, 0, inner), gateUp.rows(1, inner, inner), Linear.of(w, p + "mlp.down_proj"),
          activation);
      layers.add(DecoderLayer.sequential(rms(w, p + "input_layernorm", epsilon), attention.build(),
          rms(w, p + "post_attention_layernorm", epsilon), mlp));
    }
    var head = DecoderModel.OutputHead.of(rms(w, "model.norm", epsilon),
        outputEmbedding(config, w, "lm_head.weight", "model.embed_tokens.weight", false));
    return new DecoderModel(manager, w, DecoderModel.Embeddings.tokens(w.require("model.embed_tokens.weight")), layers,
        head, config.integer("max_position_embeddings", 4096), bosTokenId(config, 1));
  }
}
