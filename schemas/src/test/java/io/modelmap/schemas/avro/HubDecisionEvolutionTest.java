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
 * hub-decisions' kind gained STARTED (a watcher's first start) and a default: decisions written before (the schema
 * as it was, written out here) still read, the registry's BACKWARD rule accepts the change, and a kind added later
 * reads as SKIPPED.
 */
class HubDecisionEvolutionTest {
  private static final String FIELDS = """
        {"name": "repo", "type": "string"}, {"name": "commit", "type": "string"},
        {"name": "decision", "type": {"type": "enum", "name": "HubDecisionKind", "symbols": [%s]}},
        {"name": "rule", "type": "string"}, {"name": "reason", "type": "string"},
        {"name": "modelId", "type": ["null", "string"], "default": null},
        {"name": "corpusId", "type": ["null", "string"], "default": null},
        {"name": "lastModifiedMs", "type": "long"}, {"name": "decidedAtMs", "type": "long"}]}""";
  private static final String HEAD =
      "{\"type\": \"record\", \"name\": \"HubDecision\", \"namespace\": \"io.modelmap.schemas.avro\", \"fields\": [";
  private static final Schema BEFORE = new Schema.Parser().parse(HEAD + FIELDS.formatted("\"REGISTERED\", \"SKIPPED\""));
  private static final Schema LATER =
      new Schema.Parser().parse(HEAD + FIELDS.formatted("\"REGISTERED\", \"SKIPPED\", \"STARTED\", \"PAUSED\""));

  private static byte[] write(Schema schema, String kind) throws Exception {
    GenericRecord old = new GenericData.Record(schema);
    old.put("repo", "org/a");
    old.put("commit", "a".repeat(40));
    old.put("decision", new GenericData.EnumSymbol(schema.getField("decision").schema(), kind));
    old.put("rule", "max-parameters");
    old.put("reason", "5000 parameters, more than 1000");
    old.put("lastModifiedMs", 1_000L);
    old.put("decidedAtMs", 2_000L);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new GenericDatumWriter<GenericRecord>(schema).write(old, encoder);
    encoder.flush();
    return bytes.toByteArray();
  }

  private static HubDecision read(Schema writer, byte[] bytes) throws Exception {
    return new SpecificDatumReader<HubDecision>(writer, HubDecision.getClassSchema())
        .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
  }

  @Test
  void shouldReadADecisionWrittenBeforeStartedAndPassTheBackwardRule() throws Exception {
    HubDecision read = read(BEFORE, write(BEFORE, "SKIPPED"));

    assertThat(read.getDecision()).isEqualTo(HubDecisionKind.SKIPPED);
    assertThat(read.getReason()).isEqualTo("5000 parameters, more than 1000");
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(HubDecision.getClassSchema(), BEFORE).getType())
        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
  }

  @Test
  void shouldReadAKindAddedLaterAsSkipped() throws Exception {
    assertThat(read(LATER, write(LATER, "PAUSED")).getDecision()).isEqualTo(HubDecisionKind.SKIPPED);
  }
}
