package io.modelmap.scorer.model;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A tensor as {@code torch._utils._rebuild_tensor_v2} describes it: a shape and strides (in elements)
 * over one storage, from an offset. A transposed or sliced tensor is saved as such a view, so its
 * elements are gathered in row-major order rather than copied as they lie.
 */
final class TorchTensorView {
  /** Java arrays stop a little short of Integer.MAX_VALUE elements. */
  static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
  private static final int MAX_DIMS = 16;

  private final TorchStorage storage;
  private final long offset;
  private final long[] shape;
  private final long[] stride;
  private final long numel;

  private TorchTensorView(TorchStorage storage, long offset, long[] shape, long[] stride, long numel) {
    this.storage = storage;
    this.offset = offset;
    this.shape = shape;
    this.stride = stride;
    this.numel = numel;
  }

  /**
   * The view, after checking that every element it names lies inside the storage and that it fits a
   * Java array; a claim that does not is refused here, before anything is allocated.
   */
  static TorchTensorView of(TorchStorage storage, long offset, long[] shape, long[] stride) {
    if (shape.length != stride.length || shape.length > MAX_DIMS) {
      throw new IllegalArgumentException("a tensor has shape " + Arrays.toString(shape) + " and strides "
          + Arrays.toString(stride));
    }
    if (offset < 0 || storage.numel() < 0) {
      throw new IllegalArgumentException("a tensor has storage offset " + offset + " in a storage of "
          + storage.numel() + " elements");
    }
    long numel = 1;
    long last = offset;
    try {
      for (int d = 0; d < shape.length; d++) {
        if (shape[d] < 0 || stride[d] < 0) {
          throw new IllegalArgumentException("a tensor has shape " + Arrays.toString(shape) + " and strides "
              + Arrays.toString(stride));
        }
        numel = Math.multiplyExact(numel, shape[d]);
        if (shape[d] > 0) {
          last = Math.addExact(last, Math.multiplyExact(shape[d] - 1, stride[d]));
        }
      }
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("a tensor of shape " + Arrays.toString(shape) + " overflows 64 bits");
    }
    if (numel > MAX_ELEMENTS) {
      throw new IllegalArgumentException("a tensor of shape " + Arrays.toString(shape) + " has " + numel
          + " elements, more than one array holds");
    }
    if (numel > 0 && last >= storage.numel()) {
      throw new IllegalArgumentException("a tensor of shape " + Arrays.toString(shape) + ", strides "
          + Arrays.toString(stride) + " and offset " + offset + " reaches element " + last
          + " of storage " + storage.key() + ", which holds " + storage.numel());
    }
    return new TorchTensorView(storage, offset, shape.clone(), stride.clone(), numel);
  }

  TorchStorage storage() {
    return storage;
  }

  long[] shape() {
    return shape.clone();
  }

  /** The first storage element the view reads (strides are never negative). */
  long offset() {
    return offset;
  }

  /** How many storage elements, from {@link #offset()}, the view spans. */
  long span() {
    if (numel == 0) {
      return 0;
    }
    long last = offset;
    for (int d = 0; d < shape.length; d++) {
      last += (shape[d] - 1) * stride[d];
    }
    return last - offset + 1;
  }

  /**
   * The view's elements in row-major order as float32, from {@code window}: little-endian storage
   * elements {@code offset() .. offset() + span() - 1}.
   */
  float[] gather(ByteBuffer window) {
    TorchStorageType type = storage.type();
    float[] out = new float[(int) numel];
    if (numel == 0) {
      return out;
    }
    int dims = shape.length;
    int inner = dims == 0 ? 1 : (int) shape[dims - 1];
    long innerStride = dims == 0 ? 0 : stride[dims - 1];
    long[] index = new long[Math.max(dims - 1, 0)];
    long base = 0; // storage element of the current row's first value, relative to offset
    for (int row = 0; row < out.length; row += inner) {
      for (int j = 0; j < inner; j++) {
        out[row + j] = type.floatAt(window, (int) (base + j * innerStride));
      }
      for (int d = dims - 2; d >= 0; d--) { // the next row: an odometer over the outer dimensions
        index[d]++;
        base += stride[d];
        if (index[d] < shape[d]) {
          break;
        }
        base -= stride[d] * shape[d];
        index[d] = 0;
      }
    }
    return out;
  }
}
