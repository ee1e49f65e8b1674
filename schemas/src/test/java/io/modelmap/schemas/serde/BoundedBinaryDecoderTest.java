package io.modelmap.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/**
 * The bounded decoder reads and skips every Avro type as Avro's own decoder does: records of every
 * type, read in full and read by a schema that skips every field (schema evolution), end on the last byte.
 */
class BoundedBinaryDecoderTest {
  private static final Schema ALL = new Schema.Parser().parse("""
      {"type": "record", "name": "All", "fields": [
        {"name": "b", "type": "boolean"}, {"name": "i", "type": "int"}, {"name": "l", "type": "long"},
        {"name": "f", "type": "float"}, {"name": "d", "type": "double"}, {"name": "s", "type": "string"},
        {"name": "y", "type": "bytes"}, {"name": "x", "type": {"type": "fixed", "name": "F", "size": 3}},
        {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A", "B"]}},
        {"name": "a", "type": {"type": "array", "items": "double"}},
        {"name": "m", "type": {"type": "map", "values": "string"}},
        {"name": "u", "type": ["null", "string"]}, {"name": "last", "type": "long"}]}""");
  private static final Schema NOTHING = new Schema.Parser().parse("""
      {"type": "record", "name": "All", "fields": []}""");

  @Test
  void shouldReadAndSkipEveryTypeAsAvroDoes() throws Exception {
    Random random = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      GenericRecord record = new GenericData.Record(ALL);
      record.put("b", random.nextBoolean());
      record.put("i", random.nextInt());
      record.put("l", random.nextLong());
      record.put("f", random.nextFloat());
      record.put("d", random.nextGaussian() * 1e6);
      record.put("s", "Größe ".repeat(random.nextInt(40)));
      record.put("y", ByteBuffer.wrap(new byte[random.nextInt(300)]));
      record.put("x", new GenericData.Fixed(ALL.getField("x").schema(), new byte[] {1, 2, 3}));
      record.put("e", new GenericData.EnumSymbol(ALL.getField("e").schema(), random.nextBoolean() ? "A" : "B"));
      record.put("a", List.of(random.nextDouble(), -1.5, Double.NaN).subList(0, random.nextInt(4)));
      record.put("m", random.nextBoolean() ? Map.of() : Map.of("k", "v", "ключ", "значение"));
      record.put("u", random.nextBoolean() ? null : "x".repeat(random.nextInt(200)));
      record.put("last", random.nextLong());
      byte[] bytes = encode(record);

      BoundedBinaryDecoder full = new BoundedBinaryDecoder(bytes, 0, bytes.length);
      GenericRecord read = new GenericDatumReader<GenericRecord>(ALL).read(null, full);
      GenericRecord expected = new GenericDatumReader<GenericRecord>(ALL)
          .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
      assertThat(read).isEqualTo(expected);
      assertThat(full.isEnd()).isTrue();

      BoundedBinaryDecoder skipping = new BoundedBinaryDecoder(bytes, 0, bytes.length);
      new GenericDatumReader<GenericRecord>(ALL, NOTHING).read(null, skipping);
      assertThat(skipping.isEnd()).as("every field skipped, trial %d", trial).isTrue();
    }
  }

  private static byte[] encode(GenericRecord record) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(ALL).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
