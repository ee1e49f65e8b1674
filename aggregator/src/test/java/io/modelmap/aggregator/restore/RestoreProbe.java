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
    new GuardedRestore.Context(task, new StoredValueCheck(values, timestamped)).register(inner, intoTheStore);
    ((RecordBatchingStateRestoreCallback) registered[0]).restoreBatch(records);
    return restored;
  }
}
