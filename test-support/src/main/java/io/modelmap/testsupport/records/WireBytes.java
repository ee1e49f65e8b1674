package io.modelmap.testsupport.records;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * A record in the Confluent wire format written field by field (magic byte, 4-byte schema id, Avro binary), for
 * bytes no serializer would produce: {@code WireBytes.framed(id).string("m1").string("c1").claim().toByteArray()}
 * is a length bomb whose size a test can count by hand.
 */
public final class WireBytes {
  private final ByteArrayOutputStream out;
  private final BinaryEncoder encoder;

  private WireBytes(int schemaId) {
    out = header(schemaId);
    encoder = EncoderFactory.get().directBinaryEncoder(out, null);
  }

  /** A record framed with {@code schemaId}, no field written yet. */
  public static WireBytes framed(int schemaId) {
    return new WireBytes(schemaId);
  }

  /** The schema id of a framed record. */
  public static int schemaId(byte[] framed) {
    return ByteBuffer.wrap(framed, 1, 4).getInt();
  }

  /** A string: its UTF-8 length as a zig-zag varint, then the bytes. */
  public WireBytes string(String value) {
    return encode(encoder -> encoder.writeString(value));
  }

  /** The null branch (index 0) of an optional field: one byte 0. */
  public WireBytes absent() {
    return varLong(0);
  }

  /** A long (or int, length, union index) as a zig-zag varint. */
  public WireBytes varLong(long value) {
    return encode(encoder -> encoder.writeLong(value));
  }

  /** Bytes as they are (each 0 to 255), for fields already encoded by hand. */
  public WireBytes raw(int... bytes) {
    for (int b : bytes) {
      out.write(b);
    }
    return this;
  }

  /** The length bomb's claim, {@link LengthBombs#CLAIM} entries, where the next array's count is read. */
  public WireBytes claim() {
    return varLong(LengthBombs.CLAIM);
  }

  /** One write of Avro's encoder, which goes straight to the bytes (a direct encoder buffers nothing). */
  private WireBytes encode(Field field) {
    try {
      field.writeTo(encoder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  private interface Field {
    void writeTo(BinaryEncoder encoder) throws IOException;
  }

  public byte[] toByteArray() {
    return out.toByteArray();
  }

  /** The magic byte 0 and the schema id, big-endian. */
  static ByteArrayOutputStream header(int schemaId) {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.write(0);
    header.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
    return header;
  }
}
