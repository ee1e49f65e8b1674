package io.modelmap.aggregator.ingest;

import io.modelmap.schemas.key.CompositeKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Parked records of one processor, in a store keyed {@code group/source}, where the group is what they
 * wait for (a corpus for scores, a benchmark for answers). Memory holds only each group's oldest park
 * time and whether something it waits for arrived, so a periodic check costs nothing for groups where
 * neither happened; a retry reads one group's key range, never the whole store.
 */
public final class PendingRecords {
  private static final StringSerializer KEYS = new StringSerializer();
  private final KeyValueStore<String, byte[]> store;
  private final Map<String, Long> oldestParkedMs = new HashMap<>();
  private final Set<String> arrived = new HashSet<>();

  /**
   * Reads the store once to know its groups. {@code groupOf} names the group of a record stored under a
   * key without one (written before keys carried it), which is moved under its group's key.
   */
  public PendingRecords(KeyValueStore<String, byte[]> store, Function<ParkedRecord, String> groupOf) {
    this.store = store;
    List<KeyValue<String, byte[]>> unkeyed = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, byte[]> entry = all.next();
        ParkedRecord parked = ParkedRecord.decode(entry.value);
        if (entry.key.indexOf('/') >= 0) { // source keys (topic-partition@offset) never hold one
          noteParked(CompositeKey.split(entry.key).get(0), parked.firstSeenMs());
        } else {
          unkeyed.add(entry);
        }
      }
    }
    for (KeyValue<String, byte[]> entry : unkeyed) {
      store.delete(entry.key);
      ParkedRecord parked = ParkedRecord.decode(entry.value);
      park(groupOf.apply(parked), parked);
    }
  }

  /** Keeps {@code record} until what {@code group} waits for arrives or it times out. */
  public void park(String group, ParkedRecord record) {
    store.put(CompositeKey.of(group, record.key()), record.encode());
    noteParked(group, record.firstSeenMs());
  }

  /** Something records of {@code group} may wait for arrived: retry them when {@link #due} is next asked. */
  public void arrived(String group) {
    if (oldestParkedMs.containsKey(group)) {
      arrived.add(group);
    }
  }

  /** Groups worth a retry at {@code nowMs}: something they wait for arrived, or their oldest record timed out. */
  public List<String> due(long nowMs, Duration timeout) {
    List<String> due = new ArrayList<>();
    oldestParkedMs.forEach((group, oldest) -> {
      if (arrived.contains(group) || nowMs - oldest > timeout.toMillis()) {
        due.add(group);
      }
    });
    return due;
  }

  /** Offers every record of {@code group} to {@code settle}; those it settles (applied or dead-lettered) are removed. */
  public void retry(String group, Predicate<ParkedRecord> settle) {
    arrived.remove(group);
    String prefix = CompositeKey.of(group, "");
    List<KeyValue<String, byte[]>> parked = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> range = store.prefixScan(prefix, KEYS)) {
      range.forEachRemaining(parked::add);
    }
    oldestParkedMs.remove(group);
    for (KeyValue<String, byte[]> entry : parked) {
      ParkedRecord record = ParkedRecord.decode(entry.value);
      if (settle.test(record)) {
        store.delete(entry.key);
      } else {
        noteParked(group, record.firstSeenMs());
      }
    }
  }

  /** Groups that hold at least one record. */
  public int groupCount() {
    return oldestParkedMs.size();
  }

  private void noteParked(String group, long firstSeenMs) {
    oldestParkedMs.merge(group, firstSeenMs, Math::min);
  }
}
