package io.modelmap.scorer.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * The Llama-family fields of a Hugging Face {@code config.json} (Llama 1–3, Mistral, Qwen2).
 *
 * @param vocabSize vocab_size
 * @param width hidden_size
 * @param layers num_hidden_layers
 * @param heads num_attention_heads
 * @param kvHeads num_key_value_heads (grouped-query attention; = heads when absent)
 * @param rmsEpsilon rms_norm_eps
 * @param inverseFrequencies the rotary inverse frequencies after rope_theta and rope_scaling
 * @param contextLength max_position_embeddings (capped by sliding_window when set)
 * @param tiedEmbeddings tie_word_embeddings
 * @param bosTokenId bos_token_id
 */
public record LlamaConfig(int vocabSize, int width, int layers, int heads, int kvHeads, double rmsEpsilon,
    double[] inverseFrequencies, int contextLength, boolean tiedEmbeddings, long bosTokenId) {

  public LlamaConfig {
    if (width % heads != 0 || heads % kvHeads != 0) {
      throw new IllegalArgumentException("hidden_size " + width + ", heads " + heads + " and kv heads " + kvHeads
          + " do not divide evenly");
    }
  }

  int headWidth() {
    return width / heads;
  }

  static LlamaConfig from(JsonNode json) throws IOException {
    int width = json.path("hidden_size").asInt();
    int heads = json.path("num_attention_heads").asInt();
    int headWidth = json.path("head_dim").asInt(width / heads);
    if (headWidth != width / heads) {
      throw new IOException("head_dim " + headWidth + " differs from hidden_size/num_attention_heads; not supported");
    }
    double[] frequencies = Rotary.inverseFrequencies(headWidth, json.path("rope_theta").asDouble(10_000));
    scale(frequencies, json.path("rope_scaling"));
    int context = json.path("max_position_embeddings").asInt(2048);
    if (json.hasNonNull("sliding_window") && json.path("sliding_window").asInt() < context) {
      context = json.path("sliding_window").asInt(); // scoring windows never exceed the attention window
    }
    return new LlamaConfig(json.path("vocab_size").asInt(), width, json.path("num_hidden_layers").asInt(), heads,
        json.path("num_key_value_heads").asInt(heads), json.path("rms_norm_eps").asDouble(1e-6), frequencies,
        context, json.path("tie_word_embeddings").asBoolean(false), json.path("bos_token_id").asLong(1));
  }

  /** rope_scaling: none, linear, or llama3 (Llama 3.1's frequency-dependent scaling), as Hugging Face computes them. */
  private static void scale(double[] f, JsonNode scaling) throws IOException {
    if (scaling.isMissingNode() || scaling.isNull()) {
      return;
    }
    String type = scaling.path("rope_type").asText(scaling.path("type").asText("default"));
    double factor = scaling.path("factor").asDouble(1);
    switch (type) {
      case "default" -> { }
      case "linear" -> {
        for (int i = 0; i < f.length; i++) {
          f[i] /= factor;
        }
      }
      case "llama3" -> {
        double low = scaling.path("low_freq_factor").asDouble(1);
        double high = scaling.path("high_freq_factor").asDouble(4);
        double original = scaling.path("original_max_position_embeddings").asDouble(8192);
        double lowWavelength = original / low;
        double highWavelength = original / high;
        for (int i = 0; i < f.length; i++) {
          double wavelength = 2 * Math.PI / f[i];
          if (wavelength > lowWavelength) {
            f[i] /= factor;
          } else if (wavelength >= highWavelength) {
            double smooth = (original / wavelength - low) / (high - low);
            f[i] = (1 - smooth) * f[i] / factor + smooth * f[i];
          }
        }
      }
      default -> throw new IOException("rope_scaling type '" + type + "' is not supported; supported: linear, llama3");
    }
  }
}
