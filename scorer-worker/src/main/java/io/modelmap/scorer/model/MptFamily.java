package io.modelmap.scorer.model;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * MPT as modeling_mpt.py defines it: ALiBi with MPT's slopes (alibi_bias_max), query/key/value fused
 * one after another in Wqkv and optionally clipped (clip_qkv), LayerNorms without bias, erf GELU, no
 * biases, tied head. The attention settings sit in the config's nested attn_config.
 */
final class MptFamily extends DecoderFamily {

  @Override
  String basePrefix() {
    return "transformer.";
  }

  @Override
  DecoderModel build(HfConfig config, NDManager manager, WeightMap w) throws IOException {
    int width = config.integer("d_model", "hidden_size");
    int heads = config.integer("n_heads", "num_attention_heads");
    int headWidth = width / heads;
    double epsilon = config.number("layer_norm_epsilon", 1e-5);
    var attn = config.path("attn_config");
    if (!attn.path("alibi").asBoolean(true)) {
      throw new IOException("MPT without ALiBi (attn_config.alibi false) is not supported");
    }
    Alibi alibi = new Alibi(Alibi.mptSlopes(heads, attn.path("alibi_bias_max").asDouble(8)), false);
    double scale = attn.hasNonNull("softmax_scale") ? attn.path("softmax_scale").asDouble() : 1 / Math.sqrt(headWidth);
    double clip = attn.hasNonNull("clip_qkv") ? attn.path("clip_qkv").asDouble() : 0;
    List<DecoderLayer> layers = new ArrayList<>();
    for (int l = 0; l < config.integer("n_layers", "num_hidden_layers"); l++) {
      String p = "transformer.blocks." + l + ".";
      Linear qkv = Linear.of(w, p + "attn.Wqkv");
      SelfAttention.Builder attention = SelfAttention.of(qkv.rows(1, 0, width), qkv.rows(1, width, width),
          qkv.rows(1, 2L * width, width), Linear.of(w, p + "attn.out_proj"), heads, heads, headWidth)
          .alibi(alibi).scale(scale).clip(clip);
      Mlp mlp = new Mlp.Plain(Linear.of(w, p + "ffn.up_proj"), Linear.of(w, p + "ffn.down_proj"), HiddenActivation.GELU);
      layers.add(DecoderLayer.sequential(layerNorm(w, p + "norm_1", epsilon), attention.build(), layerNorm(w, p + "norm_2", epsilon),
          mlp));
    }
    var head = DecoderModel.OutputHead.of(layerNorm(w, "transformer.norm_f", epsilon),
        outputEmbedding(config, w, "lm_head.weight", "transformer.wte.weight", true));
    return new DecoderModel(manager, w, DecoderModel.Embeddings.tokens(w.require("transformer.wte.weight")), layers, head,
        config.integer("max_seq_len", 2048), bosTokenId(config, 0));
  }
}
