package io.modelmap.scorer.model;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * GPT-J and CodeGen as modeling_gptj.py and modeling_codegen.py define them: attention and MLP in
 * parallel off one LayerNorm, interleaved rotary embeddings (rotate_every_two) on the first rotary_dim
 * channels of each head, tanh GELU, no attention biases, an untied head with a bias. CodeGen fuses
 * query, value and key (in that order) in four model-parallel slices of qkv_proj.
 */
final class GptJFamily extends DecoderFamily {
  /** CodeGen's qkv_proj was written for 4-way model parallelism (mp_num in modeling_codegen.py). */
  private static final int CODEGEN_SLICES = 4;

  @Override
  String basePrefix() {
    return "transformer.";
  }

  @Override
  DecoderModel build(HfConfig config, NDManager manager, WeightMap w) throws IOException {
    boolean codegen = config.modelType().equals("codegen");
    int width = config.integer("n_embd", "hidden_size");
    int heads = config.integer("n_head", "num_attention_heads");
    int headWidth = width / heads;
    double epsilon = config.number("layer_norm_epsilon", 1e-5);
    int rotaryDims = config.integer("rotary_dim", headWidth);
    Rotary rotary = new Rotary(rotaryDims, RopeFrequencies.plain(rotaryDims, 10_000), true);
    HiddenActivation activation = HiddenActivation.named(config.text("activation_function", "gelu_new"));
    List<DecoderLayer> layers = new ArrayList<>();
    for (int l = 0; l < config.integer("n_layer", "num_hidden_layers"); l++) {
      String p = "transformer.h." + l + ".";
      Linear q;
      Linear k;
      Linear v;
      if (codegen) {
        Linear qkv = Linear.of(w, p + "attn.qkv_proj");
        long slice = width / CODEGEN_SLICES;
        q = qkv.rows(CODEGEN_SLICES, 0, slice);
        v = qkv.rows(CODEGEN_SLICES, slice, slice);
        k = qkv.rows(CODEGEN_SLICES, 2 * slice, slice);
      } else {
        q = Linear.of(w, p + "attn.q_proj");
        k = Linear.of(w, p + "attn.k_proj");
        v = Linear.of(w, p + "attn.v_proj");
      }
      SelfAttention.Builder attention = SelfAttention.of(q, k, v, Linear.of(w, p + "attn.out_proj"), heads, heads, headWidth)
          .rotary(rotary);
      Norm norm = layerNorm(w, p + "ln_1", epsilon);
      Mlp mlp = new Mlp.Plain(Linear.of(w, p + "mlp.fc_in"), Linear.of(w, p + "mlp.fc_out"), activation);
      layers.add(new DecoderLayer(DecoderLayer.Residual.PARALLEL, norm, attention.build(), norm, mlp, null, null, 1));
    }
    var head = new DecoderModel.OutputHead(layerNorm(w, "transformer.ln_f", epsilon), null,
        outputEmbedding(config, w, "lm_head.weight", "transformer.wte.weight", false), w.optional("lm_head.bias"), 1, 0);
    return new DecoderModel(manager, w, DecoderModel.Embeddings.tokens(w.require("transformer.wte.weight")), layers,
        head, config.integer("n_positions", 2048), bosTokenId(config, 50256));
  }
}
