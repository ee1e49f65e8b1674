package io.modelmap.scorer.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The GPT-2 fields of a Hugging Face {@code config.json}.
 *
 * @param vocabSize vocabulary size
 * @param contextLength n_positions
 * @param width n_embd
 * @param layers n_layer
 * @param heads n_head
 * @param layerNormEpsilon layer_norm_epsilon
 * @param bosTokenId bos_token_id (GPT-2's is &lt;|endoftext|&gt;, its document separator)
 */
public record Gpt2Config(int vocabSize, int contextLength, int width, int layers, int heads, double layerNormEpsilon,
    long bosTokenId) {

  public Gpt2Config {
    if (width % heads != 0) {
      throw new IllegalArgumentException("n_embd " + width + " is not a multiple of n_head " + heads);
    }
  }

  public static Gpt2Config from(JsonNode json) {
    return new Gpt2Config(json.path("vocab_size").asInt(50257), json.path("n_positions").asInt(1024),
        json.path("n_embd").asInt(768), json.path("n_layer").asInt(12), json.path("n_head").asInt(12),
        json.path("layer_norm_epsilon").asDouble(1e-5), json.path("bos_token_id").asLong(50256));
  }

  /** The same shape with another start token. */
  public Gpt2Config withBosTokenId(long id) {
    return new Gpt2Config(vocabSize, contextLength, width, layers, heads, layerNormEpsilon, id);
  }
}
