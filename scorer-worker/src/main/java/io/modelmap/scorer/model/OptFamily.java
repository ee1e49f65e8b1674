package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The fairseq decoders: OPT (modeling_opt.py: learned positions offset by 2, ReLU, pre-norm or, for
 * OPT-350m, post-norm with project_in/project_out around a narrower embedding) and XGLM
 * (modeling_xglm.py: sinusoidal positions offset by 2, embeddings times √d_model). Both scale queries
 * by 1/√headWidth, use biased q/k/v/out projections and tie the head to the token embedding.
 */
final class OptFamily extends DecoderFamily {
  /** fairseq reserved the first two position rows (padding_idx + 1). */
  private static final int POSITION_OFFSET = 2;

  @Override
  DecoderModel build(HfConfig config, NDManager manager, WeightMap w) throws IOException {
    boolean xglm = config.modelType().equals("xglm");
    String root = xglm ? "model." : "model.decoder.";
    int width = config.integer("hidden_size", "d_model");
    int heads = config.integer("num_attention_heads", "attention_heads");
    int headWidth = width / heads;
    double epsilon = 1e-5; // nn.LayerNorm's default: neither config sets it
    boolean preNorm = xglm || config.flag("do_layer_norm_before", true);
    HiddenActivation activation = HiddenActivation.named(config.text("activation_function", xglm ? "gelu" : "relu"));
    List<DecoderLayer> layers = new ArrayList<>();
    for (int l = 0; l < config.integer("num_hidden_layers", "num_layers"); l++) {
      String p = root + "layers." + l + ".";
      SelfAttention.Builder attention = attention(w, p + "self_attn.", "out_proj", heads, heads, headWidth);
      Mlp mlp = new Mlp.Plain(Linear.of(w, p + "fc1"), Linear.of(w, p + "fc2"), activation);
      Norm attentionNorm = layerNorm(w, p + "self_attn_layer_norm", epsilon);
      Norm mlpNorm = layerNorm(w, p + "final_layer_norm", epsilon);
      layers.add(preNorm ? DecoderLayer.sequential(attentionNorm, attention.build(), mlpNorm, mlp)
          : new DecoderLayer(DecoderLayer.Residual.POST_NORM, attentionNorm, attention.build(), mlpNorm, mlp, null, null, 1));
    }
    NDArray tokens = w.require(root + "embed_tokens.weight");
    int context = config.integer("max_position_embeddings", 2048);
    NDArray positions = xglm ? sinusoids(manager, context + POSITION_OFFSET, width, config.integer("pad_token_id", 1))
        .toType(tokens.getDataType(), false) : w.require(root + "embed_positions.weight");
    var embeddings = new DecoderModel.Embeddings(tokens,
        xglm && config.flag("scale_embedding", true) ? Math.sqrt(width) : 1, positions, POSITION_OFFSET, null,
        w.optional(root + "project_in.weight") == null ? null : Linear.of(w, root + "project_in"));
    String finalNorm = xglm ? root + "layer_norm" : root + "final_layer_norm";
    var head = new DecoderModel.OutputHead(w.optional(finalNorm + ".weight") == null ? null : layerNorm(w, finalNorm, epsilon),
        w.optional(root + "project_out.weight") == null ? null : Linear.of(w, root + "project_out"),
        outputEmbedding(config, w, "lm_head.weight", root + "embed_tokens.weight", true), null, 1, 0);
    return new DecoderModel(manager, w, embeddings, layers, head, context, bosTokenId(config, xglm ? 0 : 2));
  }

  /**
   * fairseq's sinusoidal table (XGLMSinusoidalPositionalEmbedding.get_embedding): sin then cos of
   * p · 10000^(−i/(half − 1)) for i &lt; half, computed in float32, the padding row zeroed.
   */
  static NDArray sinusoids(NDManager manager, int rows, int width, int paddingRow) {
    int half = width / 2;
    float step = (float) (Math.log(10_000) / (half - 1));
    float[] table = new float[rows * width];
    for (int p = 0; p < rows; p++) {
      if (p == paddingRow) {
        continue;
      }
      for (int i = 0; i < half; i++) {
        float frequency = (float) Math.exp(i * -step);
        float angle = p * frequency;
        table[p * width + i] = (float) Math.sin(angle);
        table[p * width + half + i] = (float) Math.cos(angle);
      }
    }
    return manager.create(table, new Shape(rows, width));
  }
}
