package io.modelmap.schemas.avro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

/**
 * response-similarity gained {@code meteor} and {@code meteorPrompts} with defaults: records written before
 * (the schema as it was, written out here) still read, METEOR null over 0 prompts, and the registry's
 * BACKWARD rule accepts the change.
 */
class ResponseSimilarityEvolutionTest {
  private static final Schema BEFORE = new Schema.Parser().parse("""
      {"type": "record", "name": "ResponseSimilarity", "namespace": "io.modelmap.schemas.avro", "fields": [
        {"name": "modelA", "type": "string"}, {"name": "modelB", "type": "string"},
        {"name": "prompts", "type": "long"}, {"name": "rouge1F", "type": "double"},
        {"name": "rouge2F", "type": "double"}, {"name": "rougeLF", "type": "double"},
        {"name": "bleu", "type": "double"}, {"name": "sums", "type": {"type": "array", "items": "long"}}]}""");

  @Test
  void shouldReadARecordWrittenBeforeMeteorWithMeteorNullOverNoPrompt() throws Exception {
    GenericRecord old = new GenericData.Record(BEFORE);
    old.put("modelA", "a/m");
    old.put("modelB", "b/m");
    old.put("prompts", 3L);
    old.put("rouge1F", 0.5);
    old.put("rouge2F", 0.25);
    old.put("rougeLF", 0.4);
    old.put("bleu", 0.125);
    old.put("sums", List.of(1L, 2L, 3L, 4L));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new GenericDatumWriter<GenericRecord>(BEFORE).write(old, encoder);
    encoder.flush();

    SpecificDatumReader<ResponseSimilarity> reader =
        new SpecificDatumReader<>(BEFORE, ResponseSimilarity.getClassSchema());
    ResponseSimilarity read = reader.read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    assertThat(read.getBleu()).isEqualTo(0.125);
    assertThat(read.getSums()).containsExactly(1L, 2L, 3L, 4L);
    assertThat(read.getMeteor()).isNull();
    assertThat(read.getMeteorPrompts()).isZero();
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(ResponseSimilarity.getClassSchema(), BEFORE)
        .getType()).isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
  }
}
