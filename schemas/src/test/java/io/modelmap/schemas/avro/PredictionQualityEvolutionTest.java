package io.modelmap.schemas.avro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
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
 * prediction-quality gained {@code groupedBy} with a default: records written before it (the schema as
 * it was, written out here) still read, with the field null, and the registry's BACKWARD rule accepts it.
 */
class PredictionQualityEvolutionTest {
  private static final Schema BEFORE = new Schema.Parser().parse("""
      {"type": "record", "name": "PredictionQuality", "namespace": "io.modelmap.schemas.avro", "fields": [
        {"name": "benchmarkId", "type": "string"}, {"name": "method", "type": "string"},
        {"name": "corpusId", "type": "string"}, {"name": "models", "type": "int"}, {"name": "folds", "type": "int"},
        {"name": "grouping", "type": "string"}, {"name": "pearsonR", "type": "double"},
        {"name": "spearmanRho", "type": "double"}, {"name": "alpha", "type": "double"},
        {"name": "meanSquaredError", "type": ["null", "double"], "default": null}]}""");

  @Test
  void shouldReadARecordWrittenBeforeGroupedByWithTheFieldNull() throws Exception {
    GenericRecord old = new GenericData.Record(BEFORE);
    old.put("benchmarkId", "mmlu");
    old.put("method", "ridge-q");
    old.put("corpusId", "pile");
    old.put("models", 12);
    old.put("folds", 5);
    old.put("grouping", "family");
    old.put("pearsonR", 0.8);
    old.put("spearmanRho", 0.7);
    old.put("alpha", 1.0);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new GenericDatumWriter<GenericRecord>(BEFORE).write(old, encoder);
    encoder.flush();

    SpecificDatumReader<PredictionQuality> reader = new SpecificDatumReader<>(BEFORE, PredictionQuality.getClassSchema());
    PredictionQuality read = reader.read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    assertThat(read.getBenchmarkId()).hasToString("mmlu");
    assertThat(read.getGrouping()).hasToString("family");
    assertThat(read.getGroupedBy()).isNull();
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(PredictionQuality.getClassSchema(), BEFORE).getType())
        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
  }
}
