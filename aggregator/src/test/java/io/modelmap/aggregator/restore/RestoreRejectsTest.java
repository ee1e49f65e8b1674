package io.modelmap.aggregator.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.registry.InMemorySchemaRegistryClient;
import io.modelmap.schemas.serde.ConfluentAvroSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** A changelog's dead-letter topic is made sure of before its first letter; a view's records are only counted. */
class RestoreRejectsTest {
  private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
      new ByteArraySerializer());
  private final List<String> ensured = new ArrayList<>();
  private final RestoreRejects rejects = new RestoreRejects(producer,
      new ConfluentAvroSerializer<>(new InMemorySchemaRegistryClient(), false), Clock.systemUTC(), topic -> {
        assertThat(producer.history()).as("ensured before the send").isEmpty();
        ensured.add(topic);
      });

  @Test
  void shouldMakeSureOfTheChangelogsDeadLetterTopicBeforeSending() {
    byte[] bad = "bad".getBytes(StandardCharsets.UTF_8);
    rejects.skipped("store", record("app-store-changelog", bad), bad, "does not decode");
    rejects.skipped("view-frames", record("coordinate-frame", bad), bad, "does not decode");

    assertThat(ensured).containsExactly("app-store-changelog-dlq");
    assertThat(producer.history()).singleElement().satisfies(sent ->
        assertThat(sent.topic()).isEqualTo("app-store-changelog-dlq"));
    assertThat(rejects.count()).hasValue(2);
  }

  private static ConsumerRecord<byte[], byte[]> record(String topic, byte[] value) {
    return new ConsumerRecord<>(topic, 0, 7, "k".getBytes(StandardCharsets.UTF_8), value);
  }
}
