package io.modelmap.aggregator.support;

import java.util.function.BiConsumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** Reads a whole store once, as processors do when they rebuild memory in {@code init}. */
public final class StoreEntries {
  private StoreEntries() {}

  public static <K, V> void forEach(KeyValueStore<K, V> store, BiConsumer<K, V> each) {
    try (KeyValueIterator<K, V> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<K, V> entry = all.next();
        each.accept(entry.key, entry.value);
      }
    }
  }
}
