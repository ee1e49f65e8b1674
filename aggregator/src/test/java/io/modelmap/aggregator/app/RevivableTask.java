package io.modelmap.aggregator.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's stores as exactly-once sees them, for one processor instance: {@link #commit} marks what
 * the changelog holds; {@link #revive} gives a fresh context whose stores hold just that, as after a
 * task closed dirty (its transaction aborted) is revived.
 */
public final class RevivableTask {
  private final Supplier<List<KeyValueStore<?, ?>>> emptyStores;
  private List<KeyValueStore<?, ?>> live;
  private List<List<KeyValue<Object, Object>>> committed = List.of();

  /** @param emptyStores in-memory stores with the names the processor uses, fresh on each call */
  public RevivableTask(Supplier<List<KeyValueStore<?, ?>>> emptyStores) {
    this.emptyStores = emptyStores;
  }

  /** A context over empty stores. */
  public MockProcessorContext<String, SpecificRecord> start() {
    live = emptyStores.get();
    return context(live);
  }

  /** What the stores hold now is committed. */
  @SuppressWarnings("unchecked")
  public void commit() {
    committed = new ArrayList<>();
    for (KeyValueStore<?, ?> store : live) {
      List<KeyValue<Object, Object>> entries = new ArrayList<>();
      try (KeyValueIterator<Object, Object> all = ((KeyValueStore<Object, Object>) store).all()) {
        all.forEachRemaining(entries::add);
      }
      committed.add(entries);
    }
  }

  /** A new context whose stores hold the last commit: everything after it was rolled back. */
  @SuppressWarnings("unchecked")
  public MockProcessorContext<String, SpecificRecord> revive() {
    live = emptyStores.get();
    MockProcessorContext<String, SpecificRecord> context = context(live);
    for (int i = 0; i < live.size(); i++) {
      ((KeyValueStore<Object, Object>) live.get(i)).putAll(committed.get(i));
    }
    return context;
  }

  private static MockProcessorContext<String, SpecificRecord> context(List<KeyValueStore<?, ?>> stores) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "revival-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>(props);
    context.setCurrentSystemTimeMs(0);
    context.setRecordMetadata("input", 0, 0);
    for (KeyValueStore<?, ?> store : stores) {
      store.init(context.getStateStoreContext(), store);
      context.addStateStore(store);
    }
    return context;
  }
}
