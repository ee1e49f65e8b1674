package io.modelmap.aggregator.restore;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * RocksDB store suppliers whose restore leaves out every changelog record whose value does not decode.
 *
 * <p>Why at the restore callback: a view's source topic is also its changelog, so a bad record the view
 * refused while running (the deserialization handler dead-letters it) is still on the topic, and a
 * restore from scratch (exactly-once wipes the state after an unclean stop) copies changelog bytes into
 * RocksDB without decoding them; the next read of that key then fails the stream thread. Kafka Streams
 * 4.3 has no deserialization hook on restore for KTables ({@code reprocessOnRestore} exists for global
 * stores only), so the innermost store registers a filtering callback in place of RocksDB's own. Giving
 * the views their own changelogs would also work, at the cost of a second copy of every view topic.
 */
public final class GuardedStores {
  /** How often a restore asks a schema registry that cannot answer again. */
  private static final java.time.Duration RETRY_EVERY = java.time.Duration.ofSeconds(1);

  private GuardedStores() {}

  /** A timestamped RocksDB store (a KTable's) whose restored values must decode with {@code values}. */
  public static KeyValueBytesStoreSupplier timestamped(String name, Deserializer<?> values) {
    return supplier(Stores.persistentTimestampedKeyValueStore(name), values, true);
  }

  /** A plain RocksDB store whose restored values must decode with {@code values}. */
  public static KeyValueBytesStoreSupplier plain(String name, Deserializer<?> values) {
    return plain(name, null, values);
  }

  /**
   * A plain RocksDB store whose restored keys must decode with {@code keys} (null: any key) and values with
   * {@code values}: a binary store's, each given its layout's own reader.
   */
  public static KeyValueBytesStoreSupplier plain(String name, Deserializer<?> keys, Deserializer<?> values) {
    return supplier(Stores.persistentKeyValueStore(name), new StoredValueCheck(keys, values, false, RETRY_EVERY));
  }

  private static KeyValueBytesStoreSupplier supplier(KeyValueBytesStoreSupplier inner, Deserializer<?> values,
      boolean timestamped) {
    return supplier(inner, new StoredValueCheck(null, values, timestamped, RETRY_EVERY));
  }

  private static KeyValueBytesStoreSupplier supplier(KeyValueBytesStoreSupplier inner, StoredValueCheck check) {
    return new Guarded(inner, check);
  }

  /** A supplier of guarded stores; its check is package-visible so that tests restore through it. */
  static final class Guarded implements KeyValueBytesStoreSupplier {
    private final KeyValueBytesStoreSupplier inner;
    private final StoredValueCheck check;

    private Guarded(KeyValueBytesStoreSupplier inner, StoredValueCheck check) {
      this.inner = inner;
      this.check = check;
    }

    StoredValueCheck check() {
      return check;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public KeyValueStore<Bytes, byte[]> get() {
      return check.timestamped() ? new GuardedStore.Timestamped(inner.get(), check)
          : new GuardedStore(inner.get(), check);
    }

    @Override
    public String metricsScope() {
      return inner.metricsScope();
    }
  }
}
