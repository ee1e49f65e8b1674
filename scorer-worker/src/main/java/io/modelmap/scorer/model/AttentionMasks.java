package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.Map;

/**
 * The additive causal masks [length, length] of one forward pass (0 to attend, −∞ not to), made once
 * per window size: query i sees keys j with 0 ≤ i − j &lt; window (every earlier key for window 0), as
 * transformers' sliding-window masks do.
 */
final class AttentionMasks {
  private final NDManager manager;
  private final int length;
  private final Map<Integer, NDArray> byWindow = new HashMap<>();

  AttentionMasks(NDManager manager, int length) {
    this.manager = manager;
    this.length = length;
  }

  NDArray causal(int window) {
    return byWindow.computeIfAbsent(window <= 0 || window >= length ? 0 : window, this::make);
  }

  private NDArray make(int window) {
    float[] mask = new float[length * length];
    for (int i = 0; i < length; i++) {
      for (int j = 0; j < length; j++) {
        if (j > i || (window > 0 && i - j >= window)) {
          mask[i * length + j] = Float.NEGATIVE_INFINITY;
        }
      }
    }
    return manager.create(mask, new Shape(length, length));
  }
}
