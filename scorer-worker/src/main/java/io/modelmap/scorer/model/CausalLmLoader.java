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

  public static CausalLm load(Path dir, Device device) throws IOException {
    Path configFile = dir.resolve("config.json");
    if (!Files.isRegularFile(configFile)) {
      throw new IOException(dir + " has no config.json; expected a Hugging Face model directory");
    }
    JsonNode config = JSON.readTree(configFile.toFile());
    String type = config.path("model_type").asText("");
    if (!type.equals("gpt2")) {
      throw new IOException(dir + ": model_type '" + type + "' is not supported; supported: gpt2");
    }
    Path weights = dir.resolve("model.safetensors");
    if (!Files.isRegularFile(weights)) {
      throw new IOException(dir + " has no model.safetensors (pickled .bin checkpoints are refused: they run code)");
    }
    return Gpt2Model.load(Gpt2Config.from(config), SafetensorsFile.open(weights), device);
  }
}
