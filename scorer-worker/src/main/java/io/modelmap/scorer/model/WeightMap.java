package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** A checkpoint's tensors by name, loaded into one manager; a missing required tensor is a clear error. */
final class WeightMap {
  private final String architecture;
  private final Map<String, NDArray> weights = new HashMap<>();

  private WeightMap(String architecture) {
    this.architecture = architecture;
  }

  /** Every tensor of {@code tensors} whose name is not a non-persistent buffer (masks, rotary caches). */
  static WeightMap load(String architecture, CheckpointTensors tensors, NDManager manager) throws IOException {
    WeightMap map = new WeightMap(architecture);
    for (String name : tensors.names()) {
      if (!name.endsWith(".attn.bias") && !name.endsWith(".attn.masked_bias") && !name.endsWith("rotary_emb.inv_freq")
          && !name.endsWith(".attention.bias") && !name.endsWith(".attention.masked_bias")) {
        map.weights.put(name, tensors.load(name, manager));
      }
    }
    return map;
  }

  NDArray require(String name) {
    NDArray w = weights.get(name);
    if (w == null) {
      throw new IllegalArgumentException(architecture + " checkpoint lacks tensor " + name);
    }
    return w;
  }

  /** A tensor that some variants have (biases of Qwen2, an untied head), or null. */
  NDArray optional(String name) {
    return weights.get(name);
  }

  /** The tensor under the first of {@code names} present (checkpoints differ in prefixes). */
  NDArray firstOf(String... names) {
    for (String name : names) {
      if (weights.containsKey(name)) {
        return weights.get(name);
      }
    }
    return require(names[0]);
  }
}
