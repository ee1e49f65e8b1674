package io.modelmap.schemas.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.InvalidNumberEncodingException;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * Avro binary decoding of one record held in a byte array, refusing any length it cannot back before
 * allocating for it. Every claimed string or bytes length, and every array or map block count, must fit
 * in the bytes left: each item of our schemas' arrays and maps takes at least one byte, so a claim of
 * more items than bytes is a lie. Avro's own {@code BinaryDecoder} allocates what a length claims (a
 * 20-byte record claiming 2,147,483,639 items asks for gigabytes); its {@code SystemLimitException}
 * caps are process-wide system properties read once, defaulting to the VM's array limit.
 *
 * <p>The one limit is the record itself: what a record can make us allocate is a small multiple of its
 * own size (an {@code Object} slot or a double per claimed item, one byte per claimed character).
 */
final class BoundedBinaryDecoder extends Decoder {
  private final byte[] bytes;
  private final int limit;
  private int pos;

  BoundedBinaryDecoder(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.pos = offset;
    this.limit = offset + length;
  }

  /** Whether every byte was read. */
  boolean isEnd() {
    return pos == limit;
  }

  private int remaining() {
    return limit - pos;
  }

  private int readByte() throws EOFException {
    if (pos >= limit) {
      throw new EOFException("record ends inside a value (" + (limit) + " bytes)");
    }
    return bytes[pos++] & 0xff;
  }

  @Override
  public void readNull() {
    // nothing is written for null
  }

  @Override
  public boolean readBoolean() throws IOException {
    int b = readByte();
    if (b > 1) {
      throw new InvalidNumberEncodingException("boolean byte " + b + " is neither 0 nor 1");
    }
    return b == 1;
  }

  @Override
  public int readInt() throws IOException {
    long value = readLong();
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new InvalidNumberEncodingException("int out of range: " + value);
    }
    return (int) value;
  }

  @Override
  public long readLong() throws IOException {
    long raw = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      raw |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1); // zig-zag back to two's complement
      }
    }
    throw new InvalidNumberEncodingException("varint longer than 10 bytes");
  }

  @Override
  public float readFloat() throws IOException {
    ensure(4, "float");
    int bits = (bytes[pos] & 0xff) | (bytes[pos + 1] & 0xff) << 8 | (bytes[pos + 2] & 0xff) << 16
        | (bytes[pos + 3] & 0xff) << 24;
    pos += 4;
    return Float.intBitsToFloat(bits);
  }

  @Override
  public double readDouble() throws IOException {
    ensure(8, "double");
    long bits = 0;
    for (int i = 7; i >= 0; i--) {
      bits = bits << 8 | (bytes[pos + i] & 0xff);
    }
    pos += 8;
    return Double.longBitsToDouble(bits);
  }

  @Override
  public Utf8 readString(Utf8 old) throws IOException {
    int length = length("string");
    Utf8 result = old != null ? old : new Utf8();
    result.setByteLength(length);
    System.arraycopy(bytes, pos, result.getBytes(), 0, length);
    pos += length;
    return result;
  }

  @Override
  public String readString() throws IOException {
    int length = length("string");
    String s = new String(bytes, pos, length, java.nio.charset.StandardCharsets.UTF_8);
    pos += length;
    return s;
  }

  @Override
  public void skipString() throws IOException {
    int length = length("string"); // read first: `pos += length(..)` would add to the position before the length
    pos += length;
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) throws IOException {
    int length = length("bytes");
    ByteBuffer result = ByteBuffer.wrap(Arrays.copyOfRange(bytes, pos, pos + length));
    pos += length;
    return result;
  }

  @Override
  public void skipBytes() throws IOException {
    int length = length("bytes");
    pos += length;
  }

  @Override
  public void readFixed(byte[] target, int start, int length) throws IOException {
    ensure(length, "fixed");
    System.arraycopy(bytes, pos, target, start, length);
    pos += length;
  }

  @Override
  public void skipFixed(int length) throws IOException {
    ensure(length, "fixed");
    pos += length;
  }

  @Override
  public int readEnum() throws IOException {
    return readInt();
  }

  @Override
  public long readArrayStart() throws IOException {
    return blockCount("array");
  }

  @Override
  public long arrayNext() throws IOException {
    return blockCount("array");
  }

  @Override
  public long skipArray() throws IOException {
    return skipBlocks("array");
  }

  @Override
  public long readMapStart() throws IOException {
    return blockCount("map");
  }

  @Override
  public long mapNext() throws IOException {
    return blockCount("map");
  }

  @Override
  public long skipMap() throws IOException {
    return skipBlocks("map");
  }

  @Override
  public int readIndex() throws IOException {
    return readInt();
  }

  /** A string or bytes length: non-negative and no more than the bytes left. */
  private int length(String what) throws IOException {
    long length = readLong();
    if (length < 0 || length > remaining()) {
      throw new BoundExceededException(what + " claims " + length + " bytes; " + remaining() + " are left in the record");
    }
    return (int) length;
  }

  /** The item count of the next block (a negative count is followed by the block's byte size). */
  private long blockCount(String what) throws IOException {
    long count = readLong();
    if (count < 0) {
      long size = readLong();
      if (count == Long.MIN_VALUE || size < 0 || size > remaining()) {
        throw new BoundExceededException(what + " block claims " + size + " bytes; " + remaining() + " are left");
      }
      count = -count;
    }
    if (count > remaining()) {
      throw new BoundExceededException(what + " claims " + count + " items; " + remaining()
          + " bytes are left in the record (every item takes at least one)");
    }
    return count;
  }

  /** Skips the blocks that say their byte size; returns the count of the first block that does not (0 at the end). */
  private long skipBlocks(String what) throws IOException {
    while (true) {
      long count = readLong();
      if (count >= 0) {
        if (count > remaining()) {
          throw new BoundExceededException(what + " claims " + count + " items; " + remaining() + " bytes are left");
        }
        return count;
      }
      long size = readLong();
      if (size < 0 || size > remaining()) {
        throw new BoundExceededException(what + " block claims " + size + " bytes; " + remaining() + " are left");
      }
      pos += (int) size;
    }
  }

  private void ensure(int length, String what) throws EOFException {
    if (length < 0 || length > remaining()) {
      throw new EOFException(what + " needs " + length + " bytes; " + remaining() + " are left in the record");
    }
  }

  /** A length or count that the record's remaining bytes cannot hold. */
  static final class BoundExceededException extends IOException {
    BoundExceededException(String message) {
      super(message);
    }
  }
}
