package io.modelmap.aggregator.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.registry.InMemorySchemaRegistryClient;
import io.modelmap.schemas.serde.ConfluentAvroDeserializer;
import io.modelmap.schemas.serde.ConfluentAvroSerializer;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.internals.RecordBatchingStateRestoreCallback;
import org.junit.jupiter.api.Test;

/**
 * The restore callback a guarded store registers: a view's store gets only the changelog records that
 * decode (deletions included); the others are counted, and those of an internal changelog dead-lettered
 * with their bytes as they were on the topic (without the timestamp the restore prepends for a KTable's store).
 */
class GuardedRestoreTest {
  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final byte[] good = new ConfluentAvroSerializer<CoordinateFrame>(registry, false).serialize("coordinate-frame",
      CoordinateFrame.newBuilder().setCorpusId("c").setVersion(1).setModelCount(1).setColumnMeans(List.of(-1.0))
          .setMeanTextBytes(10).setPositions(List.of()).build());
  private static final byte[] KEY = "c".getBytes(StandardCharsets.UTF_8);
  private final byte[] bad = "not a frame".getBytes(StandardCharsets.UTF_8);
  private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
      new ByteArraySerializer());
  private final RestoreRejects rejects = new RestoreRejects(producer, new ConfluentAvroSerializer<>(registry, false),
      Clock.systemUTC());

  @Test
  void shouldRestoreOnlyValuesThatDecodeAndCountTheRest() {
    List<ConsumerRecord<byte[], byte[]>> restored = new ArrayList<>();
    RecordBatchingStateRestoreCallback callback = registeredCallback(rejects, restored::addAll);

    callback.restoreBatch(List.of(changelog("coordinate-frame", 0, "c", timestamped(good)),
        changelog("coordinate-frame", 1, "c", timestamped(bad)), changelog("coordinate-frame", 2, "gone", null)));

    assertThat(restored).extracting(ConsumerRecord::offset).containsExactly(0L, 2L);
    assertThat(rejects.count()).hasValue(1);
    assertThat(producer.history()).as("a view's topic is its changelog: the view dead-lettered it when it read it")
        .isEmpty();
  }

  @Test
  void shouldDeadLetterWhatItLeavesOutOfAnInternalChangelog() {
    String changelog = "app-view-frames-changelog";
    RecordBatchingStateRestoreCallback callback = registeredCallback(rejects, records -> { });

    callback.restoreBatch(List.of(changelog(changelog, 0, "c", timestamped(good)),
        changelog(changelog, 1, "c", timestamped(bad))));

    assertThat(rejects.count()).hasValue(1);
    assertThat(producer.history()).singleElement().satisfies(sent -> {
      assertThat(sent.topic()).isEqualTo(changelog + "-dlq");
      DeadLetter letter = new ConfluentAvroDeserializer<>(registry, DeadLetter.class).deserialize(sent.topic(),
          sent.value());
      assertThat(letter.getErrorClass()).isEqualTo("undecodable");
      assertThat(letter.getOffset()).isEqualTo(1);
      assertThat(letter.getOriginalValue().array()).isEqualTo(bad);
      assertThat(letter.getMessage()).contains("view-frames", "while restoring");
    });
  }

  /**
   * A schema registry that cannot answer while a store restores is waited for: the record reaches the store
   * once it answers. (Failing the restore stopped the state-updater thread for good: found by ChaosIT.)
   */
  @Test
  void shouldWaitForASchemaRegistryThatCannotAnswerAndRestoreTheRecord() {
    java.util.concurrent.atomic.AtomicInteger outages = new java.util.concurrent.atomic.AtomicInteger(3);
    ConfluentAvroDeserializer<CoordinateFrame> decoder = new ConfluentAvroDeserializer<>(registry, CoordinateFrame.class);
    org.apache.kafka.common.serialization.Deserializer<CoordinateFrame> flaky = (topic, data) -> {
      if (outages.getAndDecrement() > 0) {
        throw new io.modelmap.schemas.registry.RegistryUnavailableException("registry down", null);
      }
      return decoder.deserialize(topic, data);
    };
    StoredValueCheck check = new StoredValueCheck(null, flaky, true, java.time.Duration.ofMillis(5));
    assertThat(check.problem("coordinate-frame", KEY, timestamped(good))).isEmpty();
    assertThat(outages.get()).as("asked until it answered").isNegative();
    assertThat(check.problem("coordinate-frame", KEY, timestamped(bad))).isPresent();
  }

  /** What the store inside registers, as the task's context receives it from the guard. */
  private RecordBatchingStateRestoreCallback registeredCallback(RestoreRejects rejects,
      RecordBatchingStateRestoreCallback inner) {
    StateRestoreCallback[] registered = new StateRestoreCallback[1];
    StateStoreContext task = (StateStoreContext) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {StateStoreContext.class}, (proxy, method, args) -> switch (method.getName()) {
          case "register" -> {
            registered[0] = (StateRestoreCallback) args[1];
            yield null;
          }
          case "appConfigs" -> Map.<String, Object>of(RestoreRejects.CONFIG, rejects);
          default -> throw new UnsupportedOperationException(method.getName());
        });
    StateStore store = (StateStore) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {StateStore.class}, (proxy, method, args) -> "view-frames");
    StoredValueCheck check = new StoredValueCheck(new ConfluentAvroDeserializer<>(registry, CoordinateFrame.class), true);
    new GuardedRestore.Context(task, check).register(store, inner);
    return (RecordBatchingStateRestoreCallback) registered[0];
  }

  private static ConsumerRecord<byte[], byte[]> changelog(String topic, long offset, String key, byte[] value) {
    return new ConsumerRecord<>(topic, 0, offset, key.getBytes(StandardCharsets.UTF_8), value);
  }

  private static byte[] timestamped(byte[] raw) {
    return ByteBuffer.allocate(8 + raw.length).putLong(42L).put(raw).array();
  }
}
