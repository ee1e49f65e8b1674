package io.modelmap.aggregator.restore;

import io.modelmap.schemas.registry.RegistryUnavailableException;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Whether a changelog record, as the restore hands it to the store, decodes: its value (a timestamped
 * store's values carry the record's timestamp in their first 8 bytes, then the serialized value) and, for a
 * store whose keys have a layout of their own (a binary store's), its key. Any {@link Throwable} short of a
 * JVM failure is a record that does not decode: the Avro serdes throw a SerializationException, the binary
 * layouts' codecs an IllegalStateException ({@code StoreBytes.unreadable}).
 */
final class StoredValueCheck {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StoredValueCheck.class);
  private static final int TIMESTAMP_BYTES = 8;
  /** How long a restore waits for a schema registry that cannot answer before it fails after all. */
  static final java.time.Duration REGISTRY_WAIT = java.time.Duration.ofMinutes(10);
  private final Deserializer<?> keys;
  private final Deserializer<?> values;
  private final boolean timestamped;
  private final java.time.Duration retryEvery;

  StoredValueCheck(Deserializer<?> values, boolean timestamped) {
    this(null, values, timestamped, java.time.Duration.ofSeconds(1));
  }

  /** {@code keys} null: any key is accepted (a String key always decodes). */
  StoredValueCheck(Deserializer<?> keys, Deserializer<?> values, boolean timestamped, java.time.Duration retryEvery) {
    this.keys = keys;
    this.values = values;
    this.timestamped = timestamped;
    this.retryEvery = retryEvery;
  }

  /**
   * Empty when {@code stored} decodes (or is a deletion); otherwise why it does not. A schema registry that
   * cannot answer is not the record's fault and is waited for (the record may be fine): a restore that
   * failed for it stopped Kafka Streams' state-updater thread, which nothing replaces, and the aggregator
   * restored nothing more (found by ChaosIT, the registry down while the aggregator restarted).
   */
  Optional<String> problem(String topic, byte[] key, byte[] stored) {
    if (stored == null) {
      return Optional.empty(); // a deletion writes nothing that could be read back
    }
    if (keys != null) {
      Optional<String> problem = problem(keys, topic, key);
      if (problem.isPresent()) {
        return Optional.of("key: " + problem.get());
      }
    }
    return problem(values, topic, raw(stored));
  }

  private Optional<String> problem(Deserializer<?> decoder, String topic, byte[] bytes) {
    long waited = 0;
    while (true) {
      try {
        if (bytes == null) {
          return Optional.of("no bytes");
        }
        decoder.deserialize(topic, bytes);
        return Optional.empty();
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        if (!RegistryUnavailableException.isCauseOf(e)) {
          return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (waited >= REGISTRY_WAIT.toMillis()) {
          throw e;
        }
        if (waited == 0) {
          LOG.warn("Restoring from {}: the schema registry cannot answer ({}); waiting for it", topic, e.getMessage());
        }
        try {
          Thread.sleep(retryEvery.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        waited += Math.max(1, retryEvery.toMillis());
      }
    }
  }

  /** Whether the store is a KTable's (its values prefixed with the record's timestamp). */
  boolean timestamped() {
    return timestamped;
  }

  /** The serialized value as it was on the topic. */
  byte[] raw(byte[] stored) {
    return timestamped && stored.length >= TIMESTAMP_BYTES ? Arrays.copyOfRange(stored, TIMESTAMP_BYTES, stored.length)
        : stored;
  }
}
