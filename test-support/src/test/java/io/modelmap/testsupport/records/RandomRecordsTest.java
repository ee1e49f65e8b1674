package io.modelmap.testsupport.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

/** Random records decode with Avro's own reader, to the last byte, after the Confluent header. */
class RandomRecordsTest {
  private static final Schema SCHEMA = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":["
      + "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"u\",\"type\":[\"null\",\"double\"]},"
      + "{\"name\":\"xs\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"map\",\"values\":\"bytes\"}}},"
      + "{\"name\":\"e\",\"type\":{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}}]}");

  @Test
  void shouldWriteFramedRecordsThatAvroReadsBackWhole() throws IOException {
    Random random = new Random(27);
    for (int i = 0; i < 200; i++) {
      byte[] framed = RandomRecords.framed(513, SCHEMA, random);

      assertThat(Arrays.copyOf(framed, 5)).containsExactly(0, 0, 0, 2, 1);
      BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(framed, 5, framed.length - 5, null);
      GenericRecord record = new GenericDatumReader<GenericRecord>(SCHEMA).read(null, decoder);
      assertThat(decoder.isEnd()).as("every byte read").isTrue();
      assertThat(record.get("id").toString()).isNotBlank();
    }
  }
}
