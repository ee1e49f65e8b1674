package io.modelmap.scorer.model;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * BLOOM as modeling_bloom.py defines it: ALiBi instead of positions (added after the score scale), a
 * LayerNorm on the embeddings, query/key/value fused per head ([heads, 3, headWidth] rows), tanh GELU,
 * tied head.
 */
final class BloomFamily extends DecoderFamily {

  @Override
  String basePrefix() {
    return "transformer.";
  }

  @Override
  DecoderModel build(HfConfig config, NDManager manager, WeightMap w) throws IOException {
    int width = config.integer("hidden_size", "n_embed");
    int heads = config.integer("n_head", "num_attention_heads");
    int headWidth = width / heads;
    double epsilon = config.number("layer_norm_epsilon", 1e-5);
    if (config.flag("apply_residual_connection_post_layernorm", false)) {
      throw new IOException("BLOOM with apply_residual_connection_post_layernorm is not supported");
    }
    Alibi alibi = new Alibi(Alibi.bloomSlopes(heads), false);
    List<DecoderLayer> layers = new ArrayList<>();
    for (int l = 0; l < config.integer("n_layer", "num_hidden_layers"); l++) {
      String p = "transformer.h." + l + ".";
      Linear qkv = Linear.of(w, p + "self_attention.query_key_value");
      SelfAttention.Builder attention = SelfAttention.of(qkv.rows(heads, 0, headWidth), qkv.rows(heads, headWidth, headWidth),
          qkv.rows(heads, 2L * headWidth, headWidth), Linear.of(w, p + "self_attention.dense"), heads, heads, headWidth)
          .alibi(alibi);
      Mlp mlp = new Mlp.Plain(Linear.of(w, p + "mlp.dense_h_to_4h"), Linear.of(w, p + "mlp.dense_4h_to_h"),
          HiddenActivation.GELU_TANH);
      layers.add(DecoderLayer.sequential(layerNorm(w, p + "input_layernorm", epsilon), attention.build(),
          layerNorm(w, p + "post_attention_layernorm", epsilon), mlp));
    }
    var embeddings = new DecoderModel.Embeddings(w.require("transformer.word_embeddings.weight"), 1, null, 0,
        layerNorm(w, "transformer.word_embeddings_layernorm", epsilon), null);
    var head = DecoderModel.OutputHead.of(layerNorm(w, "transformer.ln_f", epsilon),
        outputEmbedding(config, w, "lm_head.weight", "transformer.word_embeddings.weight", true));
    // ALiBi has no position limit; BLOOM was trained on 2,048 tokens
    return new DecoderModel(manager, w, embeddings, layers, head, config.integer("seq_length", 2048),
        bosTokenId(config, 1));
  }
}
