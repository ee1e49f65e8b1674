package io.modelmap.scorer.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The GPT-NeoX (Pythia) fields of a Hugging Face {@code config.json}.
 *
 * @param width hidden_size
 * @param layers num_hidden_layers
 * @param heads num_attention_heads
 * @param rotaryDims channels per head that rotate: head width · rotary_pct
 * @param rotaryBase rotary_emb_base (or rope_theta)
 * @param layerNormEpsilon layer_norm_eps
 * @param parallelResidual use_parallel_residual: attention and MLP read the same input
 * @param contextLength max_position_embeddings
 * @param bosTokenId bos_token_id (Pythia's is its document separator, &lt;|endoftext|&gt;)
 */
public record NeoxConfig(int width, int layers, int heads, int rotaryDims, double rotaryBase, double layerNormEpsilon,
    boolean parallelResidual, int contextLength, long bosTokenId) {

  int headWidth() {
    return width / heads;
  }

  static NeoxConfig from(JsonNode json) {
    int width = json.path("hidden_size").asInt();
    int heads = json.path("num_attention_heads").asInt();
    int rotary = (int) ((width / heads) * json.path("rotary_pct").asDouble(0.25));
    double base = json.path("rotary_emb_base").asDouble(json.path("rope_theta").asDouble(10_000));
    return new NeoxConfig(width, json.path("num_hidden_layers").asInt(), heads, rotary, base,
        json.path("layer_norm_eps").asDouble(1e-5), json.path("use_parallel_residual").asBoolean(true),
        json.path("max_position_embeddings").asInt(2048), json.path("bos_token_id").asLong(0));
  }
}
