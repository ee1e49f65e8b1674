package io.modelmap.testsupport.records;

import java.nio.charset.StandardCharsets;

/**
 * Bytes no consumer may accept as a record of its topic: not Avro, an unknown schema id (length bombs, the third
 * kind, are {@link LengthBombs}).
 */
public final class BadRecords {
  private BadRecords() {}

  /** Text, not Avro at all (no magic byte), unique per {@code tag}. */
  public static byte[] notAvro(String tag) {
    return ("chaos garbage " + tag).getBytes(StandardCharsets.UTF_8);
  }

  /** Confluent framing with a schema id no registry has, then a few bytes; unique per {@code n}. */
  public static byte[] unknownSchemaId(int n) {
    return new byte[] {0, 0, 0, 0x7f, 0x7f, 2, (byte) n, (byte) (n >> 8), 'x'};
  }
}
