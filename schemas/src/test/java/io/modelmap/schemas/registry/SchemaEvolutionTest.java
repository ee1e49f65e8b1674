package io.modelmap.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.serde.ConfluentAvroDeserializer;
import io.modelmap.schemas.serde.ConfluentAvroSerializer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
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
 * Schemas evolve under BACKWARD compatibility, through the embedded registry over real HTTP: a v2 of
 * model-registered with a new optional field is accepted; v1 consumers read v2 records and v2
 * consumers read v1 records; a change that breaks old data is refused with a clear error.
 */
class SchemaEvolutionTest {
  private static final String SUBJECT = "model-registered-value";

  private static Schema withField(String fieldJson) {
    String v1 = ModelRegistered.getClassSchema().toString();
    return new Schema.Parser().parse(v1.substring(0, v1.lastIndexOf(']')) + "," + fieldJson + "]}");
  }

  private static final Schema V2 = withField(
      "{\"name\":\"owner\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Team that owns the model.\"}");
  private static final Schema V3_BREAKING = withField("{\"name\":\"team\",\"type\":\"string\"}");

  private static ModelRegistered v1Record() {
    return ModelRegistered.newBuilder().setModelId("m1").setSourceUri("file:/models/m1").setCorpusId("c")
        .setBenchmarks(List.of("mmlu")).build();
  }

  @Test
  void oldAndNewConsumersReadEachOthersRecords() throws Exception {
    try (EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(new InMemorySchemaLog(), 0)) {
      RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());
      byte[] written1 = new ConfluentAvroSerializer<ModelRegistered>(client, false).serialize("model-registered", v1Record());

      int v2Id = client.register(SUBJECT, V2);
      GenericRecord newRecord = new GenericData.Record(V2);
      V2.getFields().stream().filter(Schema.Field::hasDefaultValue)
          .forEach(f -> newRecord.put(f.name(), GenericData.get().getDefaultValue(f)));
      newRecord.put("modelId", "m2");
      newRecord.put("sourceUri", "file:/models/m2");
      newRecord.put("corpusId", "c");
      newRecord.put("owner", "evaluation-team");
      byte[] written2 = frame(v2Id, newRecord, V2);

      ModelRegistered oldReadsNew = new ConfluentAvroDeserializer<>(client, ModelRegistered.class)
          .deserialize("model-registered", written2);
      assertThat(oldReadsNew.getModelId()).isEqualTo("m2");
      assertThat(oldReadsNew.getCorpusId()).isEqualTo("c");

      int v1Id = ByteBuffer.wrap(written1, 1, 4).getInt();
      GenericRecord newReadsOld = new GenericDatumReader<GenericRecord>(client.schemaById(v1Id), V2)
          .read(null, DecoderFactory.get().binaryDecoder(written1, 5, written1.length - 5, null));
      assertThat(newReadsOld.get("modelId").toString()).isEqualTo("m1");
      assertThat(newReadsOld.get("owner")).as("the new field takes its default").isNull();
    }
  }

  @Test
  void aChangeThatBreaksOldRecordsIsRefusedWithAClearError() throws Exception {
    try (EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(new InMemorySchemaLog(), 0)) {
      RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());
      client.register(SUBJECT, ModelRegistered.getClassSchema());
      assertThat(client.isCompatible(SUBJECT, V2)).isTrue();
      assertThat(client.isCompatible(SUBJECT, V3_BREAKING)).isFalse();
      assertThatThrownBy(() -> client.register(SUBJECT, V3_BREAKING)).isInstanceOf(SchemaRegistryException.class)
          .hasMessageContaining("409").hasMessageContaining("incompatible");
    }
  }

  private static byte[] frame(int id, GenericRecord record, Schema schema) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
