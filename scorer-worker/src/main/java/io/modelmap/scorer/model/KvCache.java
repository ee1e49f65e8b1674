package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The keys and values of every layer for the positions fed so far, [batch, heads, length, head width]
 * each, so that a generated token costs one position's pass, not a pass over the whole prefix. Owned by
 * its manager; each step replaces a layer's arrays with longer ones.
 */
public final class KvCache implements AutoCloseable {
  private final NDManager manager;
  private final NDArray[] keys;
  private final NDArray[] values;

  KvCache(NDManager parent, int layers) {
    this.manager = parent.newSubManager();
    this.keys = new NDArray[layers];
    this.values = new NDArray[layers];
  }

  /** The layer's keys and values with {@code k} and {@code v} appended along the positions. */
  NDArray[] append(int layer, NDArray k, NDArray v) {
    NDArray allKeys = keys[layer] == null ? k : keys[layer].concat(k, 2);
    NDArray allValues = values[layer] == null ? v : values[layer].concat(v, 2);
    allKeys.attach(manager);
    allValues.attach(manager);
    if (keys[layer] != null) { // replaced by the longer arrays
      keys[layer].close();
      values[layer].close();
    }
    keys[layer] = allKeys;
    values[layer] = allValues;
    return new NDArray[] {allKeys, allValues};
  }

  /** Positions cached so far. */
  public long length() {
    return keys[0] == null ? 0 : keys[0].getShape().get(2);
  }

  @Override
  public void close() {
    manager.close();
  }
}
