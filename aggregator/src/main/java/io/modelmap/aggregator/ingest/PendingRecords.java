package io.modelmap.aggregator.ingest;

import io.modelmap.schemas.key.CompositeKey;
import java.time.Clock;
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
 * time, whether something it waits for arrived and whose records wait (their owners: the model of scores
 * or answers), so a periodic check costs nothing for groups where neither happened; a retry reads one
 * group's key range, never the whole store.
 *
 * <p>First wins (issue 26, found by ChaosIT): a retry offers a group's records in the order they were read
 * (by topic, partition and offset; the store orders keys as text, so offset 10 came before 9), and a
 * record whose owner has records waiting should be parked behind them ({@link #waits}), so a later record
 * never overtakes an earlier one of the same model. A restarted processor retries every group once: what
 * they waited for may have arrived just before the stop, and that arrival was only remembered in memory.
 *
 * <p>One clock: a record's park time ({@link #nowMs}), its expiry ({@link #expired}) and the groups due for a
 * retry ({@link #due}) are all read from the clock given here, so the processors that park records (scores
 * waiting for their texts, answers waiting for their items) cannot settle them on two different times.
 *
 * <p>The timeout counts time this processor ran (issue 26, found by ChaosIT): a record parked before a stop
 * expires no earlier than {@code timeout} after the restart. Otherwise the first retry after a long stop or
 * restore expired it before the processor had read the backlog that holds what it waits for (answers
 * dead-lettered {@code unknown-item} while their items sat unread on mc-items).
 */
public final class PendingRecords {
  private static final StringSerializer KEYS = new StringSerializer();
  private final KeyValueStore<String, byte[]> store;
  private final Clock clock;
  private final Duration timeout;
  /** When this processor started: records parked before it wait a whole timeout from here. */
  private final long startedMs;
  private final Map<String, Long> oldestParkedMs = new HashMap<>();
  private final Set<String> arrived = new HashSet<>();
  private final Function<ParkedRecord, String> ownerOf;
  /** The owners waiting in a group, read from the store when first asked (no decoding, no registry, at start). */
  private final Map<String, Set<String>> owners = new HashMap<>();

  /**
   * Reads the store once to know its groups; records expire {@code timeout} after they were parked, on
   * {@code clock}. {@code groupOf} names the group of a record stored under a key without one (written
   * before keys carried it), which is moved under its group's key.
   */
  public PendingRecords(KeyValueStore<String, byte[]> store, Clock clock, Duration timeout,
      Function<ParkedRecord, String> groupOf) {
    this(store, clock, timeout, groupOf, record -> "");
  }

  /** The same, knowing the owner of each record (what {@link #waits} asks about). */
  public PendingRecords(KeyValueStore<String, byte[]> store, Clock clock, Duration timeout,
      Function<ParkedRecord, String> groupOf, Function<ParkedRecord, String> ownerOf) {
    this.store = store;
    this.clock = clock;
    this.timeout = timeout;
    this.startedMs = clock.millis();
    this.ownerOf = ownerOf;
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
    arrived.addAll(oldestParkedMs.keySet()); // retried once: an arrival before the stop was remembered in memory only
  }

  /** The time a record read now is parked at: the first-seen time of a new {@link ParkedRecord}. */
  public long nowMs() {
    return clock.millis();
  }

  /**
   * Whether a record first seen at {@code firstSeenMs} waited longer than the timeout while this processor ran
   * (from its first sighting, or from this processor's start when it was parked before).
   */
  public boolean expired(long firstSeenMs) {
    return clock.millis() - Math.max(firstSeenMs, startedMs) > timeout.toMillis();
  }

  /** How long a record waits before it expires. */
  public Duration timeout() {
    return timeout;
  }

  /** Keeps {@code record} until what {@code group} waits for arrives or it times out. */
  public void park(String group, ParkedRecord record) {
    store.put(CompositeKey.of(group, record.key()), record.encode());
    noteParked(group, record.firstSeenMs());
    Set<String> known = owners.get(group);
    if (known != null) {
      known.add(ownerOf.apply(record));
    } // else read from the store, this record included, when first asked
  }

  /** Whether records of {@code owner} wait in {@code group}: a later record of the owner must wait behind them. */
  public boolean waits(String group, String owner) {
    if (!oldestParkedMs.containsKey(group)) {
      return false; // nothing waits: the common case costs nothing
    }
    return owners.computeIfAbsent(group, this::storedOwners).contains(owner);
  }

  private Set<String> storedOwners(String group) {
    Set<String> found = new HashSet<>();
    try (KeyValueIterator<String, byte[]> range = store.prefixScan(CompositeKey.of(group, ""), KEYS)) {
      range.forEachRemaining(entry -> found.add(ownerOf.apply(ParkedRecord.decode(entry.value))));
    }
    return found;
  }

  /** Something records of {@code group} may wait for arrived: retry them when {@link #due} is next asked. */
  public void arrived(String group) {
    if (oldestParkedMs.containsKey(group)) {
      arrived.add(group);
    }
  }

  /** Groups worth a retry now: something they wait for arrived, or their oldest record timed out. */
  public List<String> due() {
    List<String> due = new ArrayList<>();
    oldestParkedMs.forEach((group, oldest) -> {
      if (arrived.contains(group) || expired(oldest)) {
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
    owners.remove(group);
    List<ParkedRecord> records = new ArrayList<>();
    for (KeyValue<String, byte[]> entry : parked) {
      records.add(ParkedRecord.decode(entry.value));
    }
    records.sort(READ_ORDER);
    for (ParkedRecord record : records) {
      if (settle.test(record)) {
        store.delete(CompositeKey.of(group, record.key()));
      } else {
        noteParked(group, record.firstSeenMs());
        owners.computeIfAbsent(group, g -> new HashSet<>()).add(ownerOf.apply(record));
      }
    }
  }

  /** The order the records were read in: by source topic, partition and offset. */
  private static final java.util.Comparator<ParkedRecord> READ_ORDER = java.util.Comparator
      .comparing((ParkedRecord r) -> r.source().topic()).thenComparingInt(r -> r.source().partition())
      .thenComparingLong(r -> r.source().offset());

  /** Groups that hold at least one record. */
  public int groupCount() {
    return oldestParkedMs.size();
  }

  private void noteParked(String group, long firstSeenMs) {
    oldestParkedMs.merge(group, firstSeenMs, Math::min);
  }
}
