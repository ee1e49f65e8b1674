package io.modelmap.aggregator.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.serde.ConfluentAvroSerializer;
import io.modelmap.schemas.topic.DeadLetterRecords;
import java.util.OptionalDouble;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * The records the operator published to {@code model-registered} (the aggregator used to stop):
 * bytes that are not Avro, a schema id naming another record's schema, an unknown schema id. The
 * topology keeps running and a valid registration after them is served.
 */
class ViewDeadLettersTest {

  @Test
  void shouldKeepServingTheViewAfterUndecodableRegistrations() throws Exception {
    try (AggregatorHarness h = new AggregatorHarness(OptionalDouble.empty())) {
      TestInputTopic<String, byte[]> raw = h.driver.createInputTopic("model-registered",
          Serdes.String().serializer(), Serdes.ByteArray().serializer());
      byte[] notAvro = "{\"modelId\": \"meta-llama/Llama-3.2-1B\"}".getBytes();
      byte[] otherSchema = new ConfluentAvroSerializer<TextChunk>(h.registry, false).serialize("corpus-texts",
          TextChunk.newBuilder().setCorpusId("c").setTextId("t").setIndex(0).setCorpusSize(1).setByteLength(3).build());
      byte[] unknownId = {0, 0, 0, 0x7f, 0x7f, 2, 'x'};

      raw.pipeInput("bad/not-avro", notAvro);
      raw.pipeInput("bad/other-schema", otherSchema);
      raw.pipeInput("bad/unknown-id", unknownId);
      h.driver.createInputTopic("model-registered", Serdes.String().serializer(),
          h.topics.modelRegistered().valueSerde().serializer()).pipeInput("meta-llama/Llama-3.2-1B",
          ModelRegistered.newBuilder().setModelId("meta-llama/Llama-3.2-1B").setSourceUri("file:/m").setCorpusId("c")
              .build());

      // (TopologyTestDriver drops the handler's dead letters; UndecodableViewRecordsTest and
      // ViewDeadLettersIT check them)
      KeyValueStore<String, Object> view = h.driver.getKeyValueStore("view-registered");
      assertThat(view.get("meta-llama/Llama-3.2-1B")).as("a valid registration after the bad ones is served").isNotNull();
      assertThat(view.get("bad/not-avro")).isNull();
    }
  }

  @Test
  void shouldKeepServingFailedModelsAfterAnUndecodableDeadLetter() throws Exception {
    try (AggregatorHarness h = new AggregatorHarness(OptionalDouble.empty())) {
      h.driver.createInputTopic("score-tasks-dlq", Serdes.String().serializer(), Serdes.ByteArray().serializer())
          .pipeInput("acme/broken", new byte[] {9, 9, 9});
      h.driver.createInputTopic("score-tasks-dlq", Serdes.String().serializer(),
          h.topics.deadLetters("score-tasks").valueSerde().serializer()).pipeInput("acme/failed",
          DeadLetterRecords.of("acme/failed", new byte[] {1}, "score-tasks", 0, 3, "failed-after-retries", "3 times", 0));

      KeyValueStore<String, Object> failures = h.driver.getKeyValueStore("view-failures");
      assertThat(failures.get("acme/failed")).as("a valid dead letter after the broken one is served").isNotNull();
      assertThat(failures.get("acme/broken")).isNull();
    }
  }
}
