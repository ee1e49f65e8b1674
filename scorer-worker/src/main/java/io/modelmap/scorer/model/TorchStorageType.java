package io.modelmap.scorer.model;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * The legacy typed-storage classes {@code torch.save} names in a persistent id ({@code torch.FloatStorage},
 * ...): the element width, and for the floating types we score, how one element widens to float32.
 * The other types are still accepted in the pickle (Hugging Face {@code .bin} files carry bool masks and
 * int64 position buffers) and refused only if a model asks to load one.
 */
enum TorchStorageType {
  FLOAT("FloatStorage", "float32", 4),
  HALF("HalfStorage", "float16", 2),
  BFLOAT16("BFloat16Storage", "bfloat16", 2),
  DOUBLE("DoubleStorage", "float64", 8),
  LONG("LongStorage", "int64", 8),
  INT("IntStorage", "int32", 4),
  SHORT("ShortStorage", "int16", 2),
  CHAR("CharStorage", "int8", 1),
  BYTE("ByteStorage", "uint8", 1),
  BOOL("BoolStorage", "bool", 1);

  private final String className;
  private final String dtype;
  private final int bytes;

  TorchStorageType(String className, String dtype, int bytes) {
    this.className = className;
    this.dtype = dtype;
    this.bytes = bytes;
  }

  /** The type for a global {@code torch.<className>}, if it is one of ours. */
  static Optional<TorchStorageType> ofClassName(String className) {
    return Arrays.stream(values()).filter(t -> t.className.equals(className)).findFirst();
  }

  String dtype() {
    return dtype;
  }

  int bytes() {
    return bytes;
  }

  boolean isScoredFloat() {
    return this == FLOAT || this == HALF || this == BFLOAT16;
  }

  /** Element {@code index} of {@code data} (little-endian, starting at element 0) as float32. */
  float floatAt(ByteBuffer data, int index) {
    return switch (this) {
      case FLOAT -> data.getFloat(4 * index);
      case HALF -> HalfFloats.fromHalf(data.getShort(2 * index));
      case BFLOAT16 -> Float.intBitsToFloat((data.getShort(2 * index) & 0xFFFF) << 16); // bf16 is f32's top half
      default -> throw new IllegalStateException(dtype + " is not a scored float type");
    };
  }
}
