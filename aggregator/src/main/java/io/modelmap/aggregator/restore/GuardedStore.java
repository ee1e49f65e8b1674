package io.modelmap.aggregator.restore;

import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedBytesStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A RocksDB store whose restore callback is {@link GuardedRestore}: every read and write goes straight
 * to the store; only the records a restore copies in are checked first. A {@link WrappedStateStore}, so
 * Kafka Streams still sees the format of the store inside (timestamped or not) when it restores.
 */
class GuardedStore extends WrappedStateStore<KeyValueStore<Bytes, byte[]>, Bytes, byte[]>
    implements KeyValueStore<Bytes, byte[]> {
  private final StoredValueCheck check;

  GuardedStore(KeyValueStore<Bytes, byte[]> inner, StoredValueCheck check) {
    super(inner);
    this.check = check;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    wrapped().init(new GuardedRestore.Context(context, check), root);
  }

  @Override
  public void put(Bytes key, byte[] value) {
    wrapped().put(key, value);
  }

  @Override
  public byte[] putIfAbsent(Bytes key, byte[] value) {
    return wrapped().putIfAbsent(key, value);
  }

  @Override
  public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
    wrapped().putAll(entries);
  }

  @Override
  public byte[] delete(Bytes key) {
    return wrapped().delete(key);
  }

  @Override
  public byte[] get(Bytes key) {
    return wrapped().get(key);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
    return wrapped().range(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
    return wrapped().reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> all() {
    return wrapped().all();
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseAll() {
    return wrapped().reverseAll();
  }

  @Override
  public <PS extends org.apache.kafka.common.serialization.Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(
      P prefix, PS prefixKeySerializer) {
    return wrapped().prefixScan(prefix, prefixKeySerializer);
  }

  @Override
  public long approximateNumEntries() {
    return wrapped().approximateNumEntries();
  }

  /** The guarded store of a KTable: values are the timestamp, then the serialized value. */
  static final class Timestamped extends GuardedStore implements TimestampedBytesStore {
    Timestamped(KeyValueStore<Bytes, byte[]> inner, StoredValueCheck check) {
      super(inner, check);
    }
  }
}
