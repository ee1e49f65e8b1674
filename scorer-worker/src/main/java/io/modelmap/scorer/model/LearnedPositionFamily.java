package io.modelmap.scorer.model;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * GPT-2's descendants with learned positions and LayerNorm: GPT-Neo (modeling_gpt_neo.py: separate
 * q/k/v without biases, unscaled attention scores, global and local layers) and GPT-BigCode
 * (modeling_gpt_bigcode.py: nn.Linear projections, query fused with one shared key/value head in
 * multi-query checkpoints). Both tie the head to the token embedding.
 */
final class LearnedPositionFamily extends DecoderFamily {

  @Override
  String basePrefix() {
    return "transformer.";
  }

  @Override
  DecoderModel build(HfConfig config, NDManager manager, WeightMap w) throws IOException {
    boolean neo = config.modelType().equals("gpt_neo");
    int width = config.integer("hidden_size", "n_embd");
    int heads = config.integer("num_heads", "n_head");
    int headWidth = width / heads;
    int layerCount = config.integer("num_layers", "n_layer");
    double epsilon = config.number("layer_norm_epsilon", 1e-5);
    HiddenActivation activation = HiddenActivation.named(config.text("activation_function",
        neo ? "gelu_new" : "gelu_pytorch_tanh"));
    List<String> kinds = neo ? attentionKinds(config, layerCount) : List.of();
    List<DecoderLayer> layers = new ArrayList<>();
    for (int l = 0; l < layerCount; l++) {
      String p = "transformer.h." + l + ".";
      SelfAttention.Builder attention;
      if (neo) {
        String a = p + "attn.attention.";
        attention = attention(w, a, "out_proj", heads, heads, headWidth).scale(1)
            .window(kinds.get(l).equals("local") ? config.integer("window_size", 256) : 0);
      } else {
        attention = bigCodeAttention(config, w, p, width, heads, headWidth);
      }
      Mlp mlp = new Mlp.Plain(Linear.of(w, p + "mlp.c_fc"), Linear.of(w, p + "mlp.c_proj"), activation);
      layers.add(DecoderLayer.sequential(layerNorm(w, p + "ln_1", epsilon), attention.build(), layerNorm(w, p + "ln_2", epsilon),
          mlp));
    }
    var embeddings = new DecoderModel.Embeddings(w.require("transformer.wte.weight"), 1, w.require("transformer.wpe.weight"),
        0, null, null);
    var head = DecoderModel.OutputHead.of(layerNorm(w, "transformer.ln_f", epsilon),
        outputEmbedding(config, w, "lm_head.weight", "transformer.wte.weight", true));
    return new DecoderModel(manager, w, embeddings, layers, head,
        config.integer(neo ? "max_position_embeddings" : "n_positions", 2048), bosTokenId(config, 50256));
  }

  /** GPT-BigCode's c_attn: [query (width), key (head), value (head)] when multi-query, else [heads, 3, head]. */
  private static SelfAttention.Builder bigCodeAttention(HfConfig config, WeightMap w, String p, int width, int heads,
      int headWidth) {
    Linear qkv = Linear.of(w, p + "attn.c_attn");
    Linear out = Linear.of(w, p + "attn.c_proj");
    SelfAttention.Builder attention = config.flag("multi_query", true)
        ? SelfAttention.of(qkv.rows(1, 0, width), qkv.rows(1, width, headWidth), qkv.rows(1, width + headWidth, headWidth),
            out, heads, 1, headWidth)
        : SelfAttention.of(qkv.rows(heads, 0, headWidth), qkv.rows(heads, headWidth, headWidth),
            qkv.rows(heads, 2L * headWidth, headWidth), out, heads, heads, headWidth);
    return config.flag("scale_attn_weights", true) ? attention : attention.scale(1); // unscaled scores
  }

  /** GPT-Neo's attention_types, e.g. [[["global", "local"], 12]], expanded to one kind per layer. */
  private static List<String> attentionKinds(HfConfig config, int layers) throws IOException {
    List<String> kinds = new ArrayList<>();
    for (var entry : config.path("attention_types")) {
      for (int r = 0; r < entry.get(1).asInt(); r++) {
        entry.get(0).forEach(kind -> kinds.add(kind.asText()));
      }
    }
    if (kinds.size() != layers) {
      throw new IOException("attention_types names " + kinds.size() + " layers; num_layers is " + layers);
    }
    return kinds;
  }
}
