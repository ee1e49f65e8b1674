package io.modelmap.scorer.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The name and shape of every tensor of a checkpoint folder (safetensors or {@code pytorch_model.bin},
 * single or sharded), read from the headers and pickles alone: no weight is loaded. For counting what a
 * model costs (bench-scorer's FLOPs) without holding it twice.
 */
public final class CheckpointShapes {
  private CheckpointShapes() {}

  /** Tensor name → shape, sorted by name. */
  public static Map<String, long[]> of(Path dir) throws IOException {
    CheckpointTensors tensors = CheckpointTensors.open(dir);
    Map<String, long[]> shapes = new TreeMap<>();
    for (String name : tensors.names()) {
      shapes.put(name, tensors.shape(name));
    }
    return Collections.unmodifiableMap(shapes);
  }
}
