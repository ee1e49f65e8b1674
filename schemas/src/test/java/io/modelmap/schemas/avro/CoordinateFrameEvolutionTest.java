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
 * coordinate-frame gained {@code shards} (how many shards the corpus is spread over): a frame written before (the
 * schema as it was, written out here) reads as one shard, and the registry's BACKWARD rule accepts the change.
 */
class CoordinateFrameEvolutionTest {
  private static final Schema BEFORE = new Schema.Parser().parse("""
      {"type": "record", "name": "CoordinateFrame", "namespace": "io.modelmap.schemas.avro", "fields": [
        {"name": "corpusId", "type": "string"}, {"name": "version", "type": "long"},
        {"name": "modelCount", "type": "int"}, {"name": "columnMeans", "type": {"type": "array", "items": "double"}},
        {"name": "meanTextBytes", "type": "double"},
        {"name": "clippingFloor", "type": ["null", "double"], "default": null},
        {"name": "mapMethod", "type": "string", "default": "pca"},
        {"name": "positions", "type": {"type": "array", "items": {"type": "record", "name": "ModelPosition",
          "fields": [{"name": "modelId", "type": "string"}, {"name": "x", "type": "double"},
            {"name": "y", "type": "double"},
            {"name": "primaryCategory", "type": ["null", "string"], "default": null}]}}, "default": []}]}""");

  @Test
  void shouldReadAFrameWrittenBeforeShardsAsOneShardAndPassTheBackwardRule() throws Exception {
    GenericRecord old = new GenericData.Record(BEFORE);
    old.put("corpusId", "pile-val");
    old.put("version", 3L);
    old.put("modelCount", 3);
    old.put("columnMeans", List.of(-1.5, 0.25));
    old.put("meanTextBytes", 127.0);
    old.put("mapMethod", "pca");
    old.put("positions", List.of());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new GenericDatumWriter<GenericRecord>(BEFORE).write(old, encoder);
    encoder.flush();

    CoordinateFrame read = new SpecificDatumReader<CoordinateFrame>(BEFORE, CoordinateFrame.getClassSchema())
        .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

    assertThat(read.getShards()).isEqualTo(1);
    assertThat(read.getModelCount()).isEqualTo(3);
    assertThat(read.getColumnMeans()).containsExactly(-1.5, 0.25);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(CoordinateFrame.getClassSchema(), BEFORE).getType())
        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
  }
}
