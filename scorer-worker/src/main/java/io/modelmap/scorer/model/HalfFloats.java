package io.modelmap.scorer.model;

/** IEEE 754 binary16 to and from float32 (Java 17 has no {@code Float.float16ToFloat}). */
public final class HalfFloats {
  private HalfFloats() {}

  public static float fromHalf(short half) {
    int h = half & 0xFFFF;
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1F;
    int mantissa = h & 0x3FF;
    if (exponent == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      if (mantissa == 0) {
        return Float.intBitsToFloat(sign);
      }
      float value = mantissa / 1024f / 16384f; // subnormal: m × 2^-24
      return sign == 0 ? value : -value;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }

  /** The nearest binary16 (ties to even); beyond its range, infinity. */
  public static short toHalf(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int exponent = (bits >>> 23) & 0xFF;
    int mantissa = bits & 0x7FFFFF;
    if (exponent == 0xFF) {
      return (short) (sign | 0x7C00 | (mantissa != 0 ? 0x200 : 0));
    }
    int e = exponent - 127 + 15;
    if (e >= 0x1F) {
      return (short) (sign | 0x7C00);
    }
    if (e <= 0) { // a subnormal half: m × 2^-24
      if (e < -10) {
        return (short) sign;
      }
      return (short) (sign | roundedShift(mantissa | 0x800000, 14 - e));
    }
    return (short) (sign | roundedShift((e << 23) | mantissa, 13)); // a carry moves into the exponent, as it should
  }

  private static int roundedShift(int value, int shift) {
    int kept = value >> shift;
    int rest = value & ((1 << shift) - 1);
    int half = 1 << (shift - 1);
    return rest > half || (rest == half && (kept & 1) == 1) ? kept + 1 : kept;
  }
}
