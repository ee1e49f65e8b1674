package io.modelmap.scorer.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a GPT-2 checkpoint (config.json, model.safetensors in F32, tokenizer.json) in the HF layout. */
final class TinyGpt2Writer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TinyGpt2Writer() {}

  static void write(Path dir, TinyGpt2Weights weights) throws IOException {
    Files.createDirectories(dir);
    ObjectNode config = JSON.createObjectNode().put("model_type", "gpt2")
        .put("vocab_size", TinyGpt2Weights.VOCAB).put("n_positions", TinyGpt2Weights.CONTEXT)
        .put("n_embd", TinyGpt2Weights.WIDTH).put("n_layer", TinyGpt2Weights.LAYERS)
        .put("n_head", TinyGpt2Weights.HEADS).put("layer_norm_epsilon", 1e-5)
        .put("bos_token_id", ByteLevelTokenizerJson.END_OF_TEXT).put("eos_token_id", ByteLevelTokenizerJson.END_OF_TEXT);
    config.putArray("architectures").add("GPT2LMHeadModel");
    Files.writeString(dir.resolve("config.json"), config.toPrettyString(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("tokenizer.json"), ByteLevelTokenizerJson.json(), StandardCharsets.UTF_8);
    writeSafetensors(dir.resolve("model.safetensors"), weights);
  }

  private static void writeSafetensors(Path file, TinyGpt2Weights weights) throws IOException {
    SafetensorsWriter writer = new SafetensorsWriter();
    weights.tensors().forEach((name, data) -> writer.put(name, weights.shape(name), data));
    writer.write(file);
  }
}
