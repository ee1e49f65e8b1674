package io.modelmap.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/** The 5-byte Confluent header: magic byte 0 and a big-endian schema id. */
final class WireFormat {
  static final byte MAGIC_BYTE = 0;
  static final int HEADER_LENGTH = 5;

  private WireFormat() {}

  static byte[] frame(int schemaId, byte[] avroPayload) {
    return ByteBuffer.allocate(HEADER_LENGTH + avroPayload.length)
        .put(MAGIC_BYTE)
        .putInt(schemaId)
        .put(avroPayload)
        .array();
  }

  /** The schema id of a framed record; rejects anything that is not Confluent-framed. */
  static int schemaId(byte[] framed) {
    if (framed.length < HEADER_LENGTH) {
      throw new SerializationException(
          "record of " + framed.length + " bytes is too short for the Confluent wire format (5-byte header)");
    }
    if (framed[0] != MAGIC_BYTE) {
      throw new SerializationException(
          "unknown magic byte " + framed[0] + ": the record is not Avro in the Confluent wire format");
    }
    return ByteBuffer.wrap(framed, 1, 4).getInt();
  }
}
