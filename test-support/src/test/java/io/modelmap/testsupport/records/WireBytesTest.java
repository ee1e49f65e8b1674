package io.modelmap.testsupport.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bytes counted by hand: Confluent header, zig-zag varints, the claim 2,147,483,639 as EE FF FF FF 0F. */
class WireBytesTest {
  /** zig-zag(2,147,483,639) = 4,294,967,278 = 0xFFFFFFEE, in 7-bit groups from the lowest: 6E|80, 7F|80 ×3, 0F. */
  private static final byte[] CLAIM = {(byte) 0xEE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};

  @Test
  void shouldWriteTheHeaderThenEachFieldThenTheClaim() {
    byte[] bytes = WireBytes.framed(258).string("m1").absent().raw(9, 9).claim().toByteArray();

    assertThat(bytes).containsExactly(0, 0, 0, 1, 2, 4, 'm', '1', 0, 9, 9, 0xEE, 0xFF, 0xFF, 0xFF, 0x0F);
    assertThat(bytes).endsWith(CLAIM);
  }

  @Test
  void shouldReadTheSchemaIdBackBigEndian() {
    assertThat(WireBytes.schemaId(new byte[] {0, 0, 1, 0, 3, 42})).isEqualTo(65_539);
  }

  @Test
  void shouldEncodeNegativeLongsZigZag() {
    assertThat(WireBytes.framed(0).varLong(-1).varLong(64).toByteArray()).containsExactly(0, 0, 0, 0, 0, 1, 0x80, 0x01);
  }
}
