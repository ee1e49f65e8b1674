package io.modelmap.aggregator.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchException;

import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.registry.InMemorySchemaRegistryClient;
import io.modelmap.schemas.registry.RegistryUnavailableException;
import io.modelmap.schemas.registry.SchemaRegistryClient;
import io.modelmap.schemas.registry.SchemaRegistryException;
import io.modelmap.schemas.serde.ConfluentAvroDeserializer;
import io.modelmap.schemas.serde.ConfluentAvroSerializer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Response;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Result;
import org.junit.jupiter.api.Test;

class UndecodableViewRecordsTest {
  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();

  private UndecodableViewRecords handler() {
    UndecodableViewRecords handler = new UndecodableViewRecords();
    handler.configure(UndecodableViewRecords.settings(registry, count));
    return handler;
  }

  /** What the real deserializer throws for these bytes. */
  private Exception decoding(SchemaRegistryClient from, byte[] bytes) {
    return catchException(() -> new ConfluentAvroDeserializer<>(from, ModelRegistered.class)
        .deserialize("model-registered", bytes));
  }

  private DeadLetter deadLetterOf(Response response) {
    assertThat(response.result()).isEqualTo(Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).hasSize(1);
    ProducerRecord<byte[], byte[]> record = response.deadLetterQueueRecords().get(0);
    assertThat(record.topic()).isEqualTo("model-registered-dlq");
    return new ConfluentAvroDeserializer<>(registry, DeadLetter.class).deserialize(record.topic(), record.value());
  }

  @Test
  void shouldDeadLetterEachUndecodableRegistrationWithItsBytesAndOffset() {
    byte[] notAvro = "{\"modelId\": \"x\"}".getBytes(StandardCharsets.UTF_8);
    byte[] otherSchema = new ConfluentAvroSerializer<TextChunk>(registry, false).serialize("corpus-texts",
        TextChunk.newBuilder().setCorpusId("c").setTextId("t").setIndex(0).setCorpusSize(1).setByteLength(3).build());
    byte[] unknownId = {0, 0, 0, 0x7f, 0x7f, 2, 'x'};
    long offset = 40;
    for (byte[] bytes : new byte[][] {notAvro, otherSchema, unknownId}) {
      ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("model-registered", 2, offset,
          "meta-llama/Llama-3.2-1B".getBytes(StandardCharsets.UTF_8), bytes);

      DeadLetter letter = deadLetterOf(handler().handleError(null, record, decoding(registry, bytes)));

      assertThat(letter.getErrorClass()).isEqualTo("undecodable");
      assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(bytes));
      assertThat(letter.getOriginalKey()).isEqualTo(ByteBuffer.wrap("meta-llama/Llama-3.2-1B".getBytes(StandardCharsets.UTF_8)));
      assertThat(letter.getPartition()).isEqualTo(2);
      assertThat(letter.getOffset()).isEqualTo(offset++);
    }
    assertThat(count).as("dead letters counted for the metric").hasValue(3);
  }

  @Test
  void shouldFailTheThreadRatherThanDeadLetterWhileTheRegistryCannotAnswer() {
    SchemaRegistryClient down = new SchemaRegistryClient() {
      @Override
      public int register(String subject, Schema schema) {
        throw unreachable();
      }

      @Override
      public Schema schemaById(int id) {
        throw unreachable();
      }

      @Override
      public boolean isCompatible(String subject, Schema schema) {
        throw unreachable();
      }

      private SchemaRegistryException unreachable() {
        return new SchemaRegistryException("cannot reach the schema registry", new java.net.ConnectException("refused"));
      }
    };
    byte[] valid = new ConfluentAvroSerializer<ModelRegistered>(registry, false).serialize("model-registered",
        ModelRegistered.newBuilder().setModelId("m").setSourceUri("file:/m").setCorpusId("c").build());
    Exception outage = decoding(down, valid);
    assertThat(outage).isInstanceOf(RegistryUnavailableException.class);

    Response response = handler().handleError(null, new ConsumerRecord<>("model-registered", 0, 0, null, valid), outage);

    assertThat(response.result()).isEqualTo(Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  @Test
  void shouldSkipABrokenDeadLetterWithoutAnotherDeadLetter() {
    Response response = handler().handleError(null, new ConsumerRecord<>("score-tasks-dlq", 0, 7, null, new byte[] {9}),
        decoding(registry, new byte[] {9}));
    assertThat(response.result()).isEqualTo(Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
    assertThat(count).as("nothing dead-lettered").hasValue(0);
  }

  @Test
  void shouldDeadLetterARefusedRegistrationUnderItsRule() {
    byte[] bytes = new ConfluentAvroSerializer<ModelRegistered>(registry, false).serialize("model-registered",
        ModelRegistered.newBuilder().setModelId("").setSourceUri("file:/m").setCorpusId("c").build());
    Exception refused = catchException(() -> new RefusingDeserializer<>(
        new ConfluentAvroDeserializer<>(registry, ModelRegistered.class), new ModelRegisteredValidator())
        .deserialize("model-registered", bytes));
    ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("model-registered", 0, 7, new byte[0], bytes);

    DeadLetter letter = deadLetterOf(handler().handleError(null, record, refused));

    assertThat(letter.getErrorClass()).isEqualTo("invalid-id");
    assertThat(letter.getOriginalValue().array()).isEqualTo(bytes);
    assertThat(letter.getOffset()).isEqualTo(7);
  }
}
