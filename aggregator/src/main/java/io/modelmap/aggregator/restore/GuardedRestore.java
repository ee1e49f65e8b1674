package io.modelmap.aggregator.restore;

import java.io.File;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.CommitCallback;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.processor.internals.RecordBatchingStateRestoreCallback;
import org.apache.kafka.streams.processor.internals.StateRestoreCallbackAdapter;

/**
 * The restore callback of a {@link GuardedStore}: hands the store only the changelog records whose
 * key and value decode, and gives the others to {@link RestoreRejects} (counted, dead-lettered). It receives
 * whole consumer records (Kafka Streams' internal {@link RecordBatchingStateRestoreCallback}, the one
 * RocksDB registers itself), so a dead letter names the changelog topic, partition and offset.
 */
final class GuardedRestore implements RecordBatchingStateRestoreCallback {
  private final String store;
  private final RecordBatchingStateRestoreCallback inner;
  private final StoredValueCheck check;
  private final RestoreRejects rejects;

  private GuardedRestore(String store, StateRestoreCallback inner, StoredValueCheck check, RestoreRejects rejects) {
    this.store = store;
    this.inner = StateRestoreCallbackAdapter.adapt(inner);
    this.check = check;
    this.rejects = rejects;
  }

  @Override
  public void restoreBatch(Collection<ConsumerRecord<byte[], byte[]>> records) {
    List<ConsumerRecord<byte[], byte[]>> good = new ArrayList<>(records.size());
    for (ConsumerRecord<byte[], byte[]> record : records) {
      Optional<String> problem = check.problem(record.topic(), record.key(), record.value());
      if (problem.isEmpty()) {
        good.add(record);
      } else {
        rejects.skipped(store, record, check.raw(record.value()), problem.get());
      }
    }
    inner.restoreBatch(good);
  }

  /**
   * The context the store inside is initialised with: the task's own, except that the restore callback
   * it registers is wrapped in a {@link GuardedRestore}.
   */
  static final class Context implements StateStoreContext {
    private final StateStoreContext delegate;
    private final StoredValueCheck check;

    Context(StateStoreContext delegate, StoredValueCheck check) {
      this.delegate = delegate;
      this.check = check;
    }

    private StateRestoreCallback guarded(StateStore store, StateRestoreCallback callback) {
      return new GuardedRestore(store.name(), callback, check, RestoreRejects.from(delegate.appConfigs()));
    }

    @Override
    public void register(StateStore store, StateRestoreCallback callback) {
      delegate.register(store, guarded(store, callback));
    }

    @Override
    public void register(StateStore store, StateRestoreCallback callback, CommitCallback commitCallback) {
      delegate.register(store, guarded(store, callback), commitCallback);
    }

    @Override
    public String applicationId() {
      return delegate.applicationId();
    }

    @Override
    public TaskId taskId() {
      return delegate.taskId();
    }

    @Override
    public Optional<RecordMetadata> recordMetadata() {
      return delegate.recordMetadata();
    }

    @Override
    public Serde<?> keySerde() {
      return delegate.keySerde();
    }

    @Override
    public Serde<?> valueSerde() {
      return delegate.valueSerde();
    }

    @Override
    public File stateDir() {
      return delegate.stateDir();
    }

    @Override
    public StreamsMetrics metrics() {
      return delegate.metrics();
    }

    @Override
    public Map<String, Object> appConfigs() {
      return delegate.appConfigs();
    }

    @Override
    public Map<String, Object> appConfigsWithPrefix(String prefix) {
      return delegate.appConfigsWithPrefix(prefix);
    }
  }
}
