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
 * The tensors of a Hugging Face checkpoint folder, in the order of preference transformers uses:
 * {@code model.safetensors}, the shards named by {@code model.safetensors.index.json}, then the
 * pickled {@code pytorch_model.bin} or the shards of {@code pytorch_model.bin.index.json}, read by a
 * restricted unpickler that runs nothing ({@link TorchPickleFile}).
 */
final class CheckpointTensors {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The weight files a folder may hold, preferred first. */
  static final String SAFETENSORS = "model.safetensors";
  static final String SAFETENSORS_INDEX = "model.safetensors.index.json";
  static final String BIN = "pytorch_model.bin";
  static final String BIN_INDEX = "pytorch_model.bin.index.json";

  /** Opens one weight file of a given format. */
  private interface Opener {
    TensorFile open(Path file) throws IOException;
  }

  private final Map<String, TensorFile> shardOf = new HashMap<>();

  private CheckpointTensors() {}

  static CheckpointTensors open(Path dir) throws IOException {
    CheckpointTensors tensors = new CheckpointTensors();
    if (Files.isRegularFile(dir.resolve(SAFETENSORS))) {
      tensors.addAll(SafetensorsFile.open(dir.resolve(SAFETENSORS)));
    } else if (Files.isRegularFile(dir.resolve(SAFETENSORS_INDEX))) {
      tensors.addShards(dir, dir.resolve(SAFETENSORS_INDEX), ".safetensors", SafetensorsFile::open);
    } else if (Files.isRegularFile(dir.resolve(BIN))) {
      tensors.addAll(TorchPickleFile.open(dir.resolve(BIN)));
    } else if (Files.isRegularFile(dir.resolve(BIN_INDEX))) {
      tensors.addShards(dir, dir.resolve(BIN_INDEX), ".bin", TorchPickleFile::open);
    } else {
      throw new IOException(dir + " has no weights: expected " + SAFETENSORS + ", " + SAFETENSORS_INDEX + ", "
          + BIN + " or " + BIN_INDEX);
    }
    return tensors;
  }

  private void addAll(TensorFile file) {
    file.names().forEach(name -> shardOf.put(name, file));
  }

  /** The index's {@code weight_map}: each tensor's shard, which must lie in the folder and have {@code suffix}. */
  private void addShards(Path dir, Path index, String suffix, Opener opener) throws IOException {
    Map<String, TensorFile> shards = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> entries = JSON.readTree(index.toFile()).path("weight_map").fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      String shard = entry.getValue().asText();
      Path shardPath = dir.resolve(shard).normalize();
      if (!shardPath.startsWith(dir.normalize()) || !shard.endsWith(suffix)) {
        throw new IOException(index + " names shard " + shard + " outside its folder or not a " + suffix + " file");
      }
      TensorFile file = shards.get(shard);
      if (file == null) {
        file = opener.open(shardPath);
        shards.put(shard, file);
      }
      if (!file.names().contains(entry.getKey())) {
        throw new IOException(index + " places tensor " + entry.getKey() + " in " + shard + ", which lacks it");
      }
      shardOf.put(entry.getKey(), file);
    }
  }

  Set<String> names() {
    return new TreeSet<>(shardOf.keySet());
  }

  long[] shape(String name) throws IOException {
    return shardOf.get(name).shape(name);
  }

  NDArray load(String name, NDManager manager) throws IOException {
    return shardOf.get(name).load(name, manager);
  }
}
