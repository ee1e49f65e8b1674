package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.Set;

/** One file of a checkpoint's tensors (safetensors or a torch.save zip), read one tensor at a time. */
interface TensorFile {
  Set<String> names();

  /** The tensor's shape, from the file's header (nothing of its data is read). */
  long[] shape(String name) throws IOException;

  /** The tensor as a float32 NDArray owned by {@code manager}. */
  NDArray load(String name, NDManager manager) throws IOException;
}
