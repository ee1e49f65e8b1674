package io.modelmap.cli.bench;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.scorer.model.CheckpointShapes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one scored token costs a checkpoint, in floating-point operations (a multiply-add is 2), for
 * bench-scorer's GFLOP/s:
 *
 * <pre>
 *   flops per token = 2 · M  +  layers · 4 · length · heads · headDim  +  2 · width · vocab
 * </pre>
 *
 * <ul>
 *   <li>M, the multiply-adds of the weight matmuls a token goes through, counted from the checkpoint's
 *       2-D tensors ({@link WeightMatmuls}): every one but the token and position tables, an expert of a
 *       mixture counted k/E times (k = num_experts_per_tok of E experts), routers and shared experts whole;
 *   <li>attention: in each layer q·kᵀ and the weights·v, 2 multiply-adds per head dimension for each
 *       of the {@code length} positions a query meets, length = mean tokens per text: the full square, as
 *       the forward pass computes every score and masks (sliding windows too); heads · headDim is the
 *       query's width;
 *   <li>the logits: the output table, [width] · [width × vocab].
 * </ul>
 *
 * Norms, activations, softmax and rotary are not counted (a few per cent at these widths).
 *
 * @param width the logits' input width (the token table's columns)
 * @param weightMacs M above
 * @param parameters every tensor's elements
 */
record ModelShape(String modelType, int width, int layers, int heads, int headDim, int vocab, double weightMacs,
    long parameters, int tokensPerText) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static ModelShape of(Path folder, HuggingFaceTokenizer tokenizer, List<String> texts, int context)
      throws IOException {
    long tokens = 0;
    for (String text : texts) {
      tokens += Math.min(context, tokenizer.encode(text).getIds().length);
    }
    JsonNode config = JSON.readTree(folder.resolve("config.json").toFile());
    return of(config, CheckpointShapes.of(folder), (int) Math.max(1, tokens / texts.size()));
  }

  /** From a config.json and the checkpoint's tensor shapes; sizes read under each family's field names. */
  static ModelShape of(JsonNode config, Map<String, long[]> shapes, int tokensPerText) throws IOException {
    int vocab = integer(config, "vocab_size");
    int heads = integer(config, "num_attention_heads", "n_head", "num_heads", "n_heads", "attention_heads");
    int layers = integer(config, "num_hidden_layers", "n_layer", "num_layers", "n_layers");
    int hidden = integer(config, "hidden_size", "n_embd", "d_model", "n_embed");
    int headDim = config.hasNonNull("head_dim") ? config.get("head_dim").asInt() : hidden / heads;
    int expertsPerToken = config.path("num_experts_per_tok").asInt(0);
    WeightMatmuls matmuls = WeightMatmuls.of(shapes, vocab, expertsPerToken);
    return new ModelShape(config.path("model_type").asText("?"), matmuls.logitsWidth(), layers, heads, headDim, vocab,
        matmuls.macsPerToken(), matmuls.parameters(), tokensPerText);
  }

  private static int integer(JsonNode config, String... fields) throws IOException {
    for (String field : fields) {
      if (config.hasNonNull(field)) {
        return config.get(field).asInt();
      }
    }
    throw new IOException("config.json has none of " + String.join(", ", fields));
  }

  double flopsPerToken() {
    return 2 * weightMacs + layers * 4.0 * tokensPerText * heads * headDim + 2.0 * width * vocab;
  }

  String describe() {
    return String.format("%s: %.1f M parameters, width %d, %d layers, %d heads × %d, vocabulary %,d, %d tokens per"
        + " text", modelType, parameters / 1e6, width, layers, heads, headDim, vocab, tokensPerText);
  }

  /** The formula, for the bench's output. */
  static String formula() {
    return "2 · weight multiply-adds (an expert k/E times) + layers · 4 · length · heads · head_dim + 2 · width"
        + " · vocab";
  }
}
