package io.modelmap.scorer.model;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Falcon as modeling_falcon.py defines it, in its three layouts: Falcon-7B (multi-query, attention and
 * MLP in parallel off one LayerNorm), Falcon-40B's new decoder architecture (grouped key/value heads,
 * the fused projection laid out per group as [q × heads/groups, k, v], separate ln_attn and ln_mlp) and
 * Falcon-RW (ALiBi added before the score scale, sequential residual, biases). Rotary embeddings when
 * not ALiBi; erf GELU.
 */
final class FalconFamily extends DecoderFamily {

  @Override
  String basePrefix() {
    return "transformer.";
  }

  @Override
  DecoderModel build(HfConfig config, NDManager manager, WeightMap w) throws IOException {
    int width = config.integer("hidden_size");
    int heads = config.integer("num_attention_heads");
    int headWidth = width / heads;
    double epsilon = config.number("layer_norm_epsilon", 1e-5);
    boolean newArchitecture = config.flag("new_decoder_architecture", false);
    boolean multiQuery = config.flag("multi_query", true);
    int kvHeads = newArchitecture ? config.integer("num_kv_heads", heads) : multiQuery ? 1 : heads;
    boolean useAlibi = config.flag("alibi", false);
    Rotary rotary = useAlibi ? null : new Rotary(headWidth, RopeFrequencies.of(config.json(), headWidth,
        config.number("rope_theta", 10_000)), false);
    Alibi alibi = useAlibi ? new Alibi(Alibi.bloomSlopes(heads), true) : null;
    HiddenActivation activation = HiddenActivation.named(config.text("activation", "gelu"));
    List<DecoderLayer> layers = new ArrayList<>();
    for (int l = 0; l < config.integer("num_hidden_layers"); l++) {
      String p = "transformer.h." + l + ".";
      Linear qkv = Linear.of(w, p + "self_attention.query_key_value");
      Linear dense = Linear.of(w, p + "self_attention.dense");
      SelfAttention.Builder attention;
      if (newArchitecture) {
        int perGroup = heads / kvHeads;
        attention = SelfAttention.of(qkv.rows(kvHeads, 0, (long) perGroup * headWidth),
            qkv.rows(kvHeads, (long) perGroup * headWidth, headWidth),
            qkv.rows(kvHeads, (long) (perGroup + 1) * headWidth, headWidth), dense, heads, kvHeads, headWidth);
      } else if (multiQuery) {
        attention = SelfAttention.of(qkv.rows(1, 0, width), qkv.rows(1, width, headWidth),
            qkv.rows(1, width + headWidth, headWidth), dense, heads, 1, headWidth);
      } else {
        attention = SelfAttention.of(qkv.rows(heads, 0, headWidth), qkv.rows(heads, headWidth, headWidth),
            qkv.rows(heads, 2L * headWidth, headWidth), dense, heads, heads, headWidth);
      }
      if (useAlibi) {
        attention.alibi(alibi);
      } else {
        attention.rotary(rotary);
      }
      Mlp mlp = new Mlp.Plain(Linear.of(w, p + "mlp.dense_h_to_4h"), Linear.of(w, p + "mlp.dense_4h_to_h"), activation);
      layers.add(layer(config, w, p, epsilon, attention.build(), mlp, newArchitecture));
    }
    var head = DecoderModel.OutputHead.of(layerNorm(w, "transformer.ln_f", epsilon),
        outputEmbedding(config, w, "lm_head.weight", "transformer.word_embeddings.weight", true));
    return new DecoderModel(manager, w, DecoderModel.Embeddings.tokens(w.require("transformer.word_embeddings.weight")),
        layers, head, config.integer("max_position_embeddings", 2048), bosTokenId(config, 11));
  }

  private static DecoderLayer layer(HfConfig config, WeightMap w, String p, double epsilon, SelfAttention attention,
      Mlp mlp, boolean newArchitecture) {
    if (newArchitecture && w.optional(p + "ln_attn.weight") != null) {
      return new DecoderLayer(DecoderLayer.Residual.PARALLEL, layerNorm(w, p + "ln_attn", epsilon), attention,
          layerNorm(w, p + "ln_mlp", epsilon), mlp, null, null, 1);
    }
    Norm input = layerNorm(w, p + "input_layernorm", epsilon);
    if (newArchitecture || config.flag("parallel_attn", true)) {
      return new DecoderLayer(DecoderLayer.Residual.PARALLEL, input, attention, input, mlp, null, null, 1);
    }
    return DecoderLayer.sequential(input, attention, layerNorm(w, p + "post_attention_layernorm", epsilon), mlp);
  }
}
