package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;

/**
 * How one family of Hugging Face checkpoints (its {@code model_type}s, config fields and tensor names)
 * becomes a {@link DecoderModel}: each family class reads what transformers' modeling file for it
 * reads, and builds the shared pieces. The helpers here are what several families read alike.
 */
abstract class DecoderFamily {

  /**
   * transformers' base_model_prefix for the family: checkpoints saved from the *ForCausalLM class put
   * it before every tensor name but the head's, those saved from the base model leave it out.
   */
  String basePrefix() {
    return "model.";
  }

  abstract DecoderModel build(HfConfig config, NDManager manager, WeightMap weights) throws IOException;

  static Norm.Rms rms(WeightMap weights, String name, double epsilon) {
    return new Norm.Rms(weights.require(name + ".weight"), epsilon, false);
  }

  static Norm.Layer layerNorm(WeightMap weights, String name, double epsilon) {
    return new Norm.Layer(weights.require(name + ".weight"), weights.optional(name + ".bias"), epsilon);
  }

  /** Attention with separate projections {@code prefix}q_proj, k_proj, v_proj and {@code prefix + output}. */
  static SelfAttention.Builder attention(WeightMap w, String prefix, String output, int heads, int kvHeads,
      int headWidth) {
    return SelfAttention.of(Linear.of(w, prefix + "q_proj"), Linear.of(w, prefix + "k_proj"),
        Linear.of(w, prefix + "v_proj"), Linear.of(w, prefix + output), heads, kvHeads, headWidth);
  }

  /** A gated MLP with {@code prefix}gate_proj, up_proj and down_proj. */
  static Mlp gated(WeightMap w, String prefix, HiddenActivation activation) {
    return new Mlp.Gated(Linear.of(w, prefix + "gate_proj"), Linear.of(w, prefix + "up_proj"),
        Linear.of(w, prefix + "down_proj"), activation);
  }

  /** The output embedding: {@code headName} when saved, else the input embedding when the config ties them. */
  static NDArray outputEmbedding(HfConfig config, WeightMap weights, String headName, String embeddingName,
      boolean tiedByDefault) {
    NDArray head = weights.optional(headName);
    if (head != null) {
      return head;
    }
    if (!config.flag("tie_word_embeddings", tiedByDefault)) {
      throw new IllegalArgumentException("checkpoint lacks tensor " + headName
          + " and its config does not tie it to the input embedding");
    }
    return weights.require(embeddingName);
  }

  /**
   * The attention window of each layer, 0 for full attention: from {@code layer_types} when the config
   * lists them ("sliding_attention" layers see the last {@code sliding_window} positions), else
   * {@code slidingByDefault} for every layer.
   */
  static int[] windows(HfConfig config, int layers, boolean slidingByDefault) {
    int[] windows = new int[layers];
    int window = config.integer("sliding_window", 0);
    var types = config.path("layer_types");
    for (int l = 0; l < layers; l++) {
      boolean sliding = types.isArray() && types.size() == layers
          ? "sliding_attention".equals(types.get(l).asText()) : slidingByDefault;
      windows[l] = sliding ? window : 0;
    }
    return windows;
  }

  /** The start token y₀ ({@link StartToken}), or {@code otherwise} (the family's usual one) when nothing names one. */
  static long bosTokenId(HfConfig config, long otherwise) {
    return config.startToken() != null ? config.startToken().id() : otherwise;
  }
}
