package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A checkpoint's tensors by name, in the scoring dtype, loaded into one manager; a missing required
 * tensor is a clear error.
 */
final class WeightMap {
  private final String architecture;
  private final String basePrefix;
  private final Map<String, NDArray> weights = new HashMap<>();

  private WeightMap(String architecture, String basePrefix) {
    this.architecture = architecture;
    this.basePrefix = basePrefix;
  }

  /**
   * Every tensor of {@code tensors} except non-persistent buffers (masks, rotary caches), converted to
   * {@code dtype}. A checkpoint saved from the base model (bigscience/bloom-560m, facebook/opt-125m)
   * lacks the {@code basePrefix} ("transformer.", "model.") that one saved from the *ForCausalLM class
   * has: names are found either way.
   */
  static WeightMap load(String architecture, CheckpointTensors tensors, NDManager manager, DataType dtype,
      String basePrefix) throws IOException {
    WeightMap map = new WeightMap(architecture, basePrefix);
    for (String name : tensors.names()) {
      if (!name.endsWith(".attn.bias") && !name.endsWith(".attn.masked_bias") && !name.endsWith("rotary_emb.inv_freq")
          && !name.endsWith(".attention.bias") && !name.endsWith(".attention.masked_bias")
          && !name.endsWith(".attn.causal_mask")) {
        map.weights.put(name, inDtype(tensors.load(name, manager), dtype));
      }
    }
    return map;
  }

  /** Tensors already on a device, by name (a model being trained holds its own). */
  static WeightMap of(String architecture, Map<String, NDArray> tensors) {
    WeightMap map = new WeightMap(architecture, "");
    map.weights.putAll(tensors);
    return map;
  }

  private static NDArray inDtype(NDArray loaded, DataType dtype) {
    if (loaded.getDataType() == dtype) {
      return loaded;
    }
    NDArray converted = loaded.toType(dtype, false);
    loaded.close();
    return converted;
  }

  NDArray require(String name) {
    NDArray w = optional(name);
    if (w == null) {
      throw new IllegalArgumentException(architecture + " checkpoint lacks tensor " + name);
    }
    return w;
  }

  /** A tensor that some variants have (biases of Qwen2, an untied head), or null. */
  NDArray optional(String name) {
    NDArray w = weights.get(name);
    if (w != null || basePrefix.isEmpty()) {
      return w;
    }
    return name.startsWith(basePrefix) ? weights.get(name.substring(basePrefix.length())) : weights.get(basePrefix + name);
  }
}
