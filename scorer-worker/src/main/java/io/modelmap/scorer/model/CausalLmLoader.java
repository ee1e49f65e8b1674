package io.modelmap.scorer.model;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads a causal LM from a Hugging Face directory, choosing the implementation by {@code model_type}. */
public final class CausalLmLoader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CausalLmLoader() {}

  /** The {@code model_type}s this loader implements. */
  static final java.util.List<String> SUPPORTED = java.util.List.of("gpt2", "llama", "mistral", "qwen2", "gpt_neox");

  public static CausalLm load(Path dir, Device device) throws IOException {
    Path configFile = dir.resolve("config.json");
    if (!Files.isRegularFile(configFile)) {
      throw new IOException(dir + " has no config.json; expected a Hugging Face model directory");
    }
    JsonNode config = JSON.readTree(configFile.toFile());
    String type = config.path("model_type").asText("");
    if (!SUPPORTED.contains(type)) {
      throw new IOException(dir + ": model_type '" + type + "' is not supported; supported: " + String.join(", ", SUPPORTED));
    }
    CheckpointTensors tensors = CheckpointTensors.open(dir);
    return switch (type) {
      case "gpt2" -> Gpt2Model.load(Gpt2Config.from(config), tensors, device);
      case "gpt_neox" -> NeoxModel.load(NeoxConfig.from(config), tensors, device);
      default -> LlamaModel.load(LlamaConfig.from(config), tensors, device);
    };
  }
}
