package io.modelmap.testsupport.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Length bombs of small schemas, each byte worked out by hand. */
class SchemaLengthBombsTest {
  private static final int[] CLAIM = {0xEE, 0xFF, 0xFF, 0xFF, 0x0F};

  private static Schema record(String fields) {
    return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[" + fields + "]}");
  }

  private static int[] expected(int schemaId, int... body) {
    int[] all = new int[5 + body.length + CLAIM.length];
    all[4] = schemaId;
    System.arraycopy(body, 0, all, 5, body.length);
    System.arraycopy(CLAIM, 0, all, 5 + body.length, CLAIM.length);
    return all;
  }

  @Test
  void shouldClaimOnTheFirstArrayAfterTheLeastValidFieldsBeforeIt() {
    Schema schema = record("{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"x\",\"type\":\"double\"},"
        + "{\"name\":\"xs\",\"type\":{\"type\":\"array\",\"items\":\"int\"}},{\"name\":\"after\",\"type\":\"string\"}");

    // id: empty string (0), x: 8 zero bytes, then the array's count
    assertThat(LengthBombs.of(7, schema)).containsExactly(expected(7, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  }

  @Test
  void shouldTakeTheUnionBranchThatHoldsACollection() {
    Schema schema = record("{\"name\":\"n\",\"type\":\"int\"},"
        + "{\"name\":\"u\",\"type\":[\"null\",{\"type\":\"map\",\"values\":\"long\"}]}");

    // n: 0, u: branch 1 (zig-zag 2), then the map's count
    assertThat(LengthBombs.of(3, schema)).containsExactly(expected(3, 0, 2));
  }

  @Test
  void shouldClaimOnAStringWhenTheSchemaHasNoCollection() {
    Schema schema = record("{\"name\":\"ok\",\"type\":\"boolean\"},{\"name\":\"s\",\"type\":\"string\"}");

    assertThat(LengthBombs.of(1, schema)).containsExactly(expected(1, 0));
  }

  @Test
  void shouldRefuseASchemaWithNothingToClaim() {
    assertThatThrownBy(() -> LengthBombs.of(1, record("{\"name\":\"n\",\"type\":\"int\"}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("R");
  }
}
