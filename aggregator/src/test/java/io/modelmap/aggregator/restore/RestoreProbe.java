package io.modelmap.aggregator.restore;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.internals.RecordBatchingStateRestoreCallback;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;

/**
 * A guarded store's restore, as the task drives it: the callback the store inside registers goes through
 * the guard ({@link GuardedRestore.Context}, {@link StoredValueCheck}, as {@link GuardedStores} wires them),
 * and this returns the changelog records that reached the store.
 */
public final class RestoreProbe {
  private RestoreProbe() {}

  /**
   * @param values the store's value deserializer (what {@link GuardedStores} is given)
   * @param timestamped whether the store is a KTable's (values prefixed with an 8-byte timestamp)
   */
  public static List<ConsumerRecord<byte[], byte[]>> restore(String store, Deserializer<?> values, boolean timestamped,
      RestoreRejects rejects, List<ConsumerRecord<byte[], byte[]>> records) {
    return restore(store, new StoredValueCheck(values, timestamped), rejects, records);
  }

  /**
   * A restore of the store {@code supplier} gives, as the task drives it: a store that is not guarded takes
   * every record (RocksDB's own callback copies changelog bytes unchecked).
   */
  public static List<ConsumerRecord<byte[], byte[]>> restore(KeyValueBytesStoreSupplier supplier,
      RestoreRejects rejects, List<ConsumerRecord<byte[], byte[]>> records) {
    if (!(supplier instanceof GuardedStores.Guarded guarded)) {
      return List.copyOf(records);
    }
    return restore(supplier.name(), guarded.check(), rejects, records);
  }

  /** The offsets of the records a restore of {@code supplier}'s store keeps, of records at offsets 0, 1, 2, ... */
  public static List<Long> keptOffsets(KeyValueBytesStoreSupplier supplier, RestoreRejects rejects,
      List<Map.Entry<byte[], byte[]>> keysAndValues) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> entry : keysAndValues) {
      records.add(new ConsumerRecord<>("app-" + supplier.name() + "-changelog", 0, records.size(), entry.getKey(),
          entry.getValue()));
    }
    return restore(supplier, rejects, records).stream().map(ConsumerRecord::offset).toList();
  }

  /**
   * An Avro record in the Confluent wire format (magic byte 0, the schema id) whose first field, a string or
   * an array, claims 2,147,483,639 entries in a handful of bytes: a length bomb.
   */
  public static byte[] lengthBomb(int schemaId) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(0);
    out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(schemaId).array());
    long zigzag = (2_147_483_639L << 1) ^ (2_147_483_639L >> 63); // Avro's long encoding: zigzag, then varint
    while ((zigzag & ~0x7FL) != 0) {
      out.write((int) ((zigzag & 0x7F) | 0x80));
      zigzag >>>= 7;
    }
    out.write((int) zigzag);
    return out.toByteArray();
  }

  /** A changelog record's key and value ({@code value} null: a deletion). */
  public static Map.Entry<byte[], byte[]> entry(byte[] key, byte[] value) {
    return new java.util.AbstractMap.SimpleImmutableEntry<>(key, value);
  }

  private static List<ConsumerRecord<byte[], byte[]>> restore(String store, StoredValueCheck check,
      RestoreRejects rejects, List<ConsumerRecord<byte[], byte[]>> records) {
    StateRestoreCallback[] registered = new StateRestoreCallback[1];
    StateStoreContext task = (StateStoreContext) Proxy.newProxyInstance(RestoreProbe.class.getClassLoader(),
        new Class<?>[] {StateStoreContext.class}, (proxy, method, args) -> switch (method.getName()) {
          case "register" -> {
            registered[0] = (StateRestoreCallback) args[1];
            yield null;
          }
          case "appConfigs" -> Map.<String, Object>of(RestoreRejects.CONFIG, rejects);
          default -> throw new UnsupportedOperationException(method.getName());
        });
    StateStore inner = (StateStore) Proxy.newProxyInstance(RestoreProbe.class.getClassLoader(),
        new Class<?>[] {StateStore.class}, (proxy, method, args) -> store);
    List<ConsumerRecord<byte[], byte[]>> restored = new ArrayList<>();
    RecordBatchingStateRestoreCallback intoTheStore = restored::addAll;
    new GuardedRestore.Context(task, check).register(inner, intoTheStore);
    ((RecordBatchingStateRestoreCallback) registered[0]).restoreBatch(records);
    return restored;
  }
}
