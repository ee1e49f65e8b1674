package io.modelmap.scorer.model;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * OLMo and OLMo 2 as modeling_olmo.py and modeling_olmo2.py define them: the Llama layer with OLMo's
 * parameter-free LayerNorms and optionally clipped q/k/v (clip_qkv), or OLMo 2's RMSNorms after
 * attention and MLP (none before) and q/k RMSNorms over the whole projection.
 */
final class OlmoFamily extends DecoderFamily {

  @Override
  DecoderModel build(HfConfig config, NDManager manager, WeightMap w) throws IOException {
    boolean second = config.modelType().equals("olmo2");
    int width = config.integer("hidden_size");
    int heads = config.integer("num_attention_heads");
    int kvHeads = config.integer("num_key_value_heads", heads);
    int headWidth = width / heads;
    double epsilon = second ? config.number("rms_norm_eps", 1e-5) : 1e-5;
    Rotary rotary = new Rotary(headWidth, RopeFrequencies.of(config.json(), headWidth,
        config.number("rope_theta", 10_000)), false);
    HiddenActivation activation = HiddenActivation.named(config.text("hidden_act", "silu"));
    Norm parameterFree = new Norm.Layer(null, null, epsilon);
    List<DecoderLayer> layers = new ArrayList<>();
    for (int l = 0; l < config.integer("num_hidden_layers"); l++) {
      String p = "model.layers." + l + ".";
      SelfAttention.Builder attention = attention(w, p + "self_attn.", "o_proj", heads, kvHeads, headWidth)
          .rotary(rotary).clip(config.number("clip_qkv", 0));
      Mlp mlp = gated(w, p + "mlp.", activation);
      if (second) {
        attention.norms(rms(w, p + "self_attn.q_norm", epsilon), rms(w, p + "self_attn.k_norm", epsilon),
            true);
        layers.add(new DecoderLayer(DecoderLayer.Residual.SEQUENTIAL, null, attention.build(), null, mlp,
            rms(w, p + "post_attention_layernorm", epsilon), rms(w, p + "post_feedforward_layernorm", epsilon), 1));
      } else {
        layers.add(DecoderLayer.sequential(parameterFree, attention.build(), parameterFree, mlp));
      }
    }
    var head = DecoderModel.OutputHead.of(second ? rms(w, "model.norm", epsilon) : parameterFree,
        outputEmbedding(config, w, "lm_head.weight", "model.embed_tokens.weight", false));
    return new DecoderModel(manager, w, DecoderModel.Embeddings.tokens(w.require("model.embed_tokens.weight")), layers,
        head, config.integer("max_position_embeddings", 2048), bosTokenId(config, 50279));
  }
}
