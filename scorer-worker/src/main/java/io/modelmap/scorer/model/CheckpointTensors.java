package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tensors of a Hugging Face checkpoint folder: {@code model.safetensors}, or the shards named by
 * {@code model.safetensors.index.json}. Each shard is memory-mapped, so files over 2 GiB load too.
 */
final class CheckpointTensors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, SafetensorsFile> shardOf = new HashMap<>();

  private CheckpointTensors() {}

  static CheckpointTensors open(Path dir) throws IOException {
    CheckpointTensors tensors = new CheckpointTensors();
    Path single = dir.resolve("model.safetensors");
    Path index = dir.resolve("model.safetensors.index.json");
    if (Files.isRegularFile(single)) {
      SafetensorsFile file = SafetensorsFile.open(single);
      file.names().forEach(name -> tensors.shardOf.put(name, file));
    } else if (Files.isRegularFile(index)) {
      Map<String, SafetensorsFile> shards = new HashMap<>();
      Iterator<Map.Entry<String, JsonNode>> entries = JSON.readTree(index.toFile()).path("weight_map").fields();
      while (entries.hasNext()) {
        Map.Entry<String, JsonNode> entry = entries.next();
        String shard = entry.getValue().asText();
        Path shardPath = dir.resolve(shard).normalize();
        if (!shardPath.startsWith(dir.normalize()) || !shard.endsWith(".safetensors")) {
          throw new IOException(index + " names shard " + shard + " outside its folder or not safetensors");
        }
        SafetensorsFile file = shards.get(shard);
        if (file == null) {
          file = SafetensorsFile.open(shardPath);
          shards.put(shard, file);
        }
        tensors.shardOf.put(entry.getKey(), file);
      }
    } else {
      throw new IOException(dir + " has neither model.safetensors nor model.safetensors.index.json"
          + " (pickled .bin checkpoints are refused: they run code when loaded)");
    }
    return tensors;
  }

  Set<String> names() {
    return new TreeSet<>(shardOf.keySet());
  }

  NDArray load(String name, NDManager manager) throws IOException {
    return shardOf.get(name).load(name, manager);
  }
}
