package io.modelmap.cli;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a scored token costs in a GPT-2-shaped checkpoint, for bench-scorer's GFLOP/s: per layer
 * 24·width² (the attention and MLP matmuls, 2 flops a multiply-add) plus 4·length·width (attention over
 * the text), and 2·width·vocab for the logits.
 */
record ModelShape(int width, int layers, int vocab, int tokensPerText) {

  static ModelShape of(Path folder, HuggingFaceTokenizer tokenizer, List<String> texts, int context)
      throws IOException {
    JsonNode config = new ObjectMapper().readTree(folder.resolve("config.json").toFile());
    int width = config.path("n_embd").asInt(config.path("hidden_size").asInt());
    int layers = config.path("n_layer").asInt(config.path("num_hidden_layers").asInt());
    int vocab = config.path("vocab_size").asInt();
    long tokens = 0;
    for (String text : texts) {
      tokens += Math.min(context, tokenizer.encode(text).getIds().length);
    }
    return new ModelShape(width, layers, vocab, (int) Math.max(1, tokens / texts.size()));
  }

  double flopsPerToken() {
    return layers * (24.0 * width * width + 4.0 * tokensPerText * width) + 2.0 * width * vocab;
  }

  String describe() {
    return String.format("width %d, %d layers, vocabulary %,d, %d tokens per text", width, layers, vocab,
        tokensPerText);
  }

  /** GFLOP/s of one [rows × width] · [width × vocab] float32 matmul, the best of three. */
  static double matmulGflops(NDManager manager, int rows, int width, int vocab) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray a = scope.randomNormal(new Shape(rows, width));
      NDArray b = scope.randomNormal(new Shape(width, vocab));
      a.matMul(b).close(); // warm-up
      double best = Double.MAX_VALUE;
      for (int run = 0; run < 3; run++) {
        long started = System.nanoTime();
        NDArray c = a.matMul(b);
        c.getFloat(0, 0); // the product is complete when one entry is read back
        best = Math.min(best, (System.nanoTime() - started) / 1e9);
        c.close();
      }
      return 2.0 * rows * width * vocab / best / 1e9;
    }
  }
}
