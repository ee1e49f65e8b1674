package io.modelmap.scorer.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A GPT-2 checkpoint of any size with random weights and the byte-level tokenizer, for throughput
 * benchmarks: the vocabulary can be GPT-2's 50,257 so the output layer costs what a real one does.
 */
public final class RandomGpt2 {
  private RandomGpt2() {}

  public static Path write(Path dir, int vocab, int width, int layers, int heads, int context, long seed)
      throws IOException {
    if (vocab < ByteLevelTokenizerJson.VOCAB_SIZE) {
      throw new IllegalArgumentException("the vocabulary must hold the 257 byte-level tokens");
    }
    Random r = new Random(seed);
    SafetensorsWriter w = new SafetensorsWriter();
    w.put("wte.weight", new long[] {vocab, width}, gaussian(r, vocab * width, 0.3));
    w.put("wpe.weight", new long[] {context, width}, gaussian(r, context * width, 0.05));
    for (int l = 0; l < layers; l++) {
      String p = "h." + l + ".";
      w.put(p + "ln_1.weight", new long[] {width}, filled(width, 1));
      w.put(p + "ln_1.bias", new long[] {width}, filled(width, 0));
      w.put(p + "attn.c_attn.weight", new long[] {width, 3 * width}, gaussian(r, 3 * width * width, 0.1));
      w.put(p + "attn.c_attn.bias", new long[] {3 * width}, filled(3 * width, 0));
      w.put(p + "attn.c_proj.weight", new long[] {width, width}, gaussian(r, width * width, 0.1));
      w.put(p + "attn.c_proj.bias", new long[] {width}, filled(width, 0));
      w.put(p + "ln_2.weight", new long[] {width}, filled(width, 1));
      w.put(p + "ln_2.bias", new long[] {width}, filled(width, 0));
      w.put(p + "mlp.c_fc.weight", new long[] {width, 4 * width}, gaussian(r, 4 * width * width, 0.1));
      w.put(p + "mlp.c_fc.bias", new long[] {4 * width}, filled(4 * width, 0));
      w.put(p + "mlp.c_proj.weight", new long[] {4 * width, width}, gaussian(r, 4 * width * width, 0.1));
      w.put(p + "mlp.c_proj.bias", new long[] {width}, filled(width, 0));
    }
    w.put("ln_f.weight", new long[] {width}, filled(width, 1));
    w.put("ln_f.bias", new long[] {width}, filled(width, 0));
    Files.createDirectories(dir);
    ObjectNode config = new ObjectMapper().createObjectNode().put("model_type", "gpt2").put("vocab_size", vocab)
        .put("n_positions", context).put("n_embd", width).put("n_layer", layers).put("n_head", heads)
        .put("layer_norm_epsilon", 1e-5).put("bos_token_id", ByteLevelTokenizerJson.END_OF_TEXT);
    Files.writeString(dir.resolve("config.json"), config.toPrettyString(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("tokenizer.json"), ByteLevelTokenizerJson.json(), StandardCharsets.UTF_8);
    w.write(dir.resolve("model.safetensors"));
    return dir;
  }

  private static float[] gaussian(Random r, int n, double scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (scale * r.nextGaussian());
    }
    return v;
  }

  private static float[] filled(int n, float value) {
    float[] v = new float[n];
    java.util.Arrays.fill(v, value);
    return v;
  }
}
