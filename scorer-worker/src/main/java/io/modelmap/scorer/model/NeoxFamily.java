package io.modelmap.scorer.model;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * GPT-NeoX (Pythia, and StableLM-Alpha's first release) as modeling_gpt_neox.py defines it: LayerNorm,
 * query/key/value fused per head ([heads, 3, headWidth] rows), partial rotary embeddings
 * (rotary_pct), exact GELU, parallel or sequential residual, untied head.
 */
final class NeoxFamily extends DecoderFamily {

  @Override
  String basePrefix() {
    return "gpt_neox.";
  }

  @Override
  DecoderModel build(HfConfig config, NDManager manager, WeightMap w) throws IOException {
    int width = config.integer("hidden_size");
    int heads = config.integer("num_attention_heads");
    int headWidth = width / heads;
    double epsilon = config.number("layer_norm_eps", 1e-5);
    int rotaryDims = (int) (headWidth * config.number("rotary_pct", config.number("partial_rotary_factor", 0.25)));
    Rotary rotary = new Rotary(rotaryDims, RopeFrequencies.of(config.json(), rotaryDims,
        config.number("rotary_emb_base", config.number("rope_theta", 10_000))), false);
    HiddenActivation activation = HiddenActivation.named(config.text("hidden_act", "gelu"));
    boolean parallel = config.flag("use_parallel_residual", true);
    List<DecoderLayer> layers = new ArrayList<>();
    for (int l = 0; l < config.integer("num_hidden_layers"); l++) {
      String p = "gpt_neox.layers." + l + ".";
      Linear qkv = Linear.of(w, p + "attention.query_key_value");
      SelfAttention.Builder attention = SelfAttention.of(qkv.rows(heads, 0, headWidth), qkv.rows(heads, headWidth, headWidth),
          qkv.rows(heads, 2L * headWidth, headWidth), Linear.of(w, p + "attention.dense"), heads, heads, headWidth)
          .rotary(rotary);
      Mlp mlp = new Mlp.Plain(Linear.of(w, p + "mlp.dense_h_to_4h"), Linear.of(w, p + "mlp.dense_4h_to_h"), activation);
      layers.add(new DecoderLayer(parallel ? DecoderLayer.Residual.PARALLEL : DecoderLayer.Residual.SEQUENTIAL,
          layerNorm(w, p + "input_layernorm", epsilon), attention.build(), layerNorm(w, p + "post_attention_layernorm", epsilon),
          mlp, null, null, 1));
    }
    var head = DecoderModel.OutputHead.of(layerNorm(w, "gpt_neox.final_layer_norm", epsilon),
        outputEmbedding(config, w, "embed_out.weight", "gpt_neox.embed_in.weight", false));
    return new DecoderModel(manager, w, DecoderModel.Embeddings.tokens(w.require("gpt_neox.embed_in.weight")), layers,
        head, config.integer("max_position_embeddings", 2048), bosTokenId(config, 0));
  }
}
