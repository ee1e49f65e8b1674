package io.modelmap.scorer.model;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Phi-1, Phi-1.5 and Phi-2 as modeling_phi.py defines them: attention and MLP in parallel off one
 * LayerNorm, partial rotary embeddings (partial_rotary_factor), optional per-head q/k LayerNorms, tanh
 * GELU, biases everywhere, an untied head with a bias.
 */
final class PhiFamily extends DecoderFamily {

  @Override
  DecoderModel build(HfConfig config, NDManager manager, WeightMap w) throws IOException {
    int width = config.integer("hidden_size");
    int heads = config.integer("num_attention_heads");
    int kvHeads = config.integer("num_key_value_heads", heads);
    int headWidth = width / heads;
    double epsilon = config.number("layer_norm_eps", 1e-5);
    int rotaryDims = (int) (headWidth * config.number("partial_rotary_factor", 0.5));
    Rotary rotary = new Rotary(rotaryDims, RopeFrequencies.of(config.json(), rotaryDims,
        config.number("rope_theta", 10_000)), false);
    HiddenActivation activation = HiddenActivation.named(config.text("hidden_act", "gelu_new"));
    List<DecoderLayer> layers = new ArrayList<>();
    for (int l = 0; l < config.integer("num_hidden_layers"); l++) {
      String p = "model.layers." + l + ".";
      SelfAttention.Builder attention = attention(w, p + "self_attn.", "dense", heads, kvHeads, headWidth)
          .rotary(rotary);
      if (config.flag("qk_layernorm", false)) {
        attention.norms(layerNorm(w, p + "self_attn.q_layernorm", epsilon),
            layerNorm(w, p + "self_attn.k_layernorm", epsilon), false);
      }
      Norm norm = layerNorm(w, p + "input_layernorm", epsilon);
      Mlp mlp = new Mlp.Plain(Linear.of(w, p + "mlp.fc1"), Linear.of(w, p + "mlp.fc2"), activation);
      layers.add(new DecoderLayer(DecoderLayer.Residual.PARALLEL, norm, attention.build(), norm, mlp, null, null, 1));
    }
    var head = new DecoderModel.OutputHead(layerNorm(w, "model.final_layernorm", epsilon), null,
        outputEmbedding(config, w, "lm_head.weight", "model.embed_tokens.weight", false), w.optional("lm_head.bias"), 1, 0);
    return new DecoderModel(manager, w, DecoderModel.Embeddings.tokens(w.require("model.embed_tokens.weight")), layers,
        head, config.integer("max_position_embeddings", 2048), bosTokenId(config, 50256));
  }
}
