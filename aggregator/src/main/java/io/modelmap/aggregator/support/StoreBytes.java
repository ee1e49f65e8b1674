package io.modelmap.aggregator.support;

import java.nio.ByteBuffer;

/**
 * The pieces the stores' binary layouts share (each feature's {@code *Stores} class holds its own layouts):
 * packed big-endian longs and doubles, two ids joined by NUL, and a reader that refuses a value too short for
 * its layout. A stored value that does not fit its layout (truncated, or written by something else) fails with
 * an {@link IllegalStateException} naming the layout and the size, instead of decoding into a wrong value.
 */
public final class StoreBytes {
  private StoreBytes() {}

  /** A reader over {@code stored}, refused when it holds fewer than {@code minBytes} bytes. */
  public static ByteBuffer reader(byte[] stored, int minBytes, String layout) {
    if (stored.length < minBytes) {
      throw unreadable(layout, stored.length + " bytes, at least " + minBytes + " expected");
    }
    return ByteBuffer.wrap(stored);
  }

  /** Refuses {@code stored} unless it is a whole number of {@code unitBytes}-byte entries. */
  public static void requireWhole(byte[] stored, int unitBytes, String layout) {
    if (stored.length % unitBytes != 0) {
      throw unreadable(layout, stored.length + " bytes, not a whole number of " + unitBytes + "-byte entries");
    }
  }

  public static byte[] longs(long[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Long.BYTES);
    for (long v : values) {
      buffer.putLong(v);
    }
    return buffer.array();
  }

  /** The longs of {@code stored}, which must hold at least {@code minCount} of them and nothing else. */
  public static long[] longs(byte[] stored, int minCount, String layout) {
    requireWhole(stored, Long.BYTES, layout);
    ByteBuffer buffer = reader(stored, minCount * Long.BYTES, layout);
    long[] values = new long[stored.length / Long.BYTES];
    for (int i = 0; i < values.length; i++) {
      values[i] = buffer.getLong();
    }
    return values;
  }

  public static byte[] doubles(double[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Double.BYTES);
    for (double v : values) {
      buffer.putDouble(v);
    }
    return buffer.array();
  }

  /** The doubles of {@code stored}, which must hold nothing else. */
  public static double[] doubles(byte[] stored, String layout) {
    requireWhole(stored, Double.BYTES, layout);
    ByteBuffer buffer = ByteBuffer.wrap(stored);
    double[] values = new double[stored.length / Double.BYTES];
    for (int i = 0; i < values.length; i++) {
      values[i] = buffer.getDouble();
    }
    return values;
  }

  /** {@code first} NUL {@code second}: a key of two ids (ids never hold NUL). */
  public static String joined(String first, String second) {
    return first + '\0' + second;
  }

  /** The two ids of a key {@link #joined} (the second may itself hold a NUL: it is split at the first). */
  public static String[] split(String key, String layout) {
    int at = key.indexOf('\0');
    if (at < 0) {
      throw unreadable(layout, "key '" + key + "' has no NUL between its two ids");
    }
    return new String[] {key.substring(0, at), key.substring(at + 1)};
  }

  /** The error of a stored value or key that does not fit {@code layout}. */
  public static IllegalStateException unreadable(String layout, String why) {
    return new IllegalStateException("stored " + layout + " is unreadable: " + why);
  }
}
