package io.modelmap.scorer.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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
    ObjectNode header = JSON.createObjectNode();
    long offset = 0;
    Map<String, float[]> tensors = new LinkedHashMap<>(weights.tensors());
    for (Map.Entry<String, float[]> t : tensors.entrySet()) {
      ObjectNode entry = header.putObject(t.getKey()).put("dtype", "F32");
      for (long dim : weights.shape(t.getKey())) {
        entry.withArray("shape").add(dim);
      }
      entry.putArray("data_offsets").add(offset).add(offset + 4L * t.getValue().length);
      offset += 4L * t.getValue().length;
    }
    byte[] headerBytes = header.toString().getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length).array());
      out.write(headerBytes);
      for (float[] values : tensors.values()) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        out.write(buffer.array());
      }
    }
  }
}
