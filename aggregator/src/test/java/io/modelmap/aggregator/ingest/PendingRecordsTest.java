package io.modelmap.aggregator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.testsupport.time.SteppedClock;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PendingRecordsTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  private KeyValueStore<String, byte[]> backing;
  /** Store reads that walk entries (all, range, prefixScan): what a periodic check must not do. */
  private final AtomicInteger scans = new AtomicInteger();
  private KeyValueStore<String, byte[]> store;

  @BeforeEach
  @SuppressWarnings("unchecked")
  void store() {
    backing = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("pending"),
        org.apache.kafka.common.serialization.Serdes.String(), org.apache.kafka.common.serialization.Serdes.ByteArray())
        .withLoggingDisabled().build();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "pending-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>(props);
    backing.init(context.getStateStoreContext(), backing);
    store = (KeyValueStore<String, byte[]>) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
          if (List.of("all", "range", "reverseAll", "reverseRange", "prefixScan").contains(method.getName())) {
            scans.incrementAndGet();
          }
          return method.invoke(backing, args);
        });
  }

  /** The one clock of the records: parked at, expired by and due at its time. */
  private final SteppedClock clock = new SteppedClock(java.time.Instant.EPOCH);

  private List<String> dueAt(PendingRecords pending, long nowMs) {
    clock.setMillis(nowMs);
    return pending.due();
  }

  private static ParkedRecord parked(long firstSeenMs, long offset, String payload) {
    return new ParkedRecord(firstSeenMs, new SourceCoordinates("text-scores", 0, offset),
        payload.getBytes(StandardCharsets.UTF_8));
  }

  private static String payload(ParkedRecord record) {
    return new String(record.encodedValue(), StandardCharsets.UTF_8);
  }

  @Test
  void shouldParkExpireAndRetryOnItsOneClock() {
    PendingRecords pending = new PendingRecords(store, clock, TIMEOUT, r -> "unused");
    clock.setMillis(1_000);
    pending.park("bench", parked(pending.nowMs(), 1, "parked at 1,000 ms"));
    clock.setMillis(1_000 + TIMEOUT.toMillis()); // waited exactly the timeout: not yet expired
    assertThat(pending.expired(1_000)).isFalse();
    assertThat(pending.due()).isEmpty();
    clock.setMillis(1_001 + TIMEOUT.toMillis());
    assertThat(pending.expired(1_000)).isTrue();
    assertThat(pending.due()).containsExactly("bench");
  }

  /**
   * ChaosIT seed 3: answers parked before an aggregator was killed were expired by the first retry after its
   * restart, before it had read the items they waited for. The timeout counts from the restart for them.
   */
  @Test
  void shouldExpireARecordParkedBeforeARestartOnlyATimeoutAfterTheRestart() {
    clock.setMillis(1_000);
    new PendingRecords(store, clock, TIMEOUT, r -> "unused").park("bench", parked(1_000, 1, "parked before the stop"));
    long restartMs = 1_000 + 3 * TIMEOUT.toMillis(); // down (or restoring) for three timeouts
    clock.setMillis(restartMs);
    PendingRecords restarted = new PendingRecords(store, clock, TIMEOUT, r -> "unused");

    assertThat(restarted.expired(1_000)).as("right after the restart, with the backlog unread").isFalse();
    clock.setMillis(restartMs + TIMEOUT.toMillis());
    assertThat(restarted.expired(1_000)).as("a whole timeout of running, not more").isFalse();
    clock.setMillis(restartMs + TIMEOUT.toMillis() + 1);
    assertThat(restarted.expired(1_000)).isTrue();
    assertThat(restarted.due()).containsExactly("bench");
  }

  @Test
  void aCheckWhereNothingArrivedAndNothingTimedOutReadsNothing() {
    PendingRecords pending = new PendingRecords(store, clock, TIMEOUT, r -> "unused");
    for (int i = 0; i < 1000; i++) {
      pending.park("corpus " + (i % 10), parked(0, i, "r" + i));
    }
    scans.set(0);

    for (long now = 0; now <= TIMEOUT.toMillis(); now += 2000) {
      assertThat(dueAt(pending, now)).isEmpty();
    }
    assertThat(scans).hasValue(0);
  }

  @Test
  void aRetryReadsOnlyItsGroupAndKeepsWhatItDoesNotSettle() {
    PendingRecords pending = new PendingRecords(store, clock, TIMEOUT, r -> "unused");
    pending.park("pile/val", parked(0, 1, "pile-1"));
    pending.park("pile/val", parked(5, 2, "pile-2"));
    pending.park("pile", parked(0, 3, "other-group"));
    pending.park("pile/val%", parked(0, 4, "third-group"));
    pending.arrived("pile/val");
    assertThat(dueAt(pending, 10)).containsExactly("pile/val");

    List<String> offered = new ArrayList<>();
    pending.retry("pile/val", r -> {
      offered.add(payload(r));
      return payload(r).equals("pile-1");
    });

    assertThat(offered).containsExactlyInAnyOrder("pile-1", "pile-2");
    assertThat(dueAt(pending, 10)).as("nothing new arrived").isEmpty();
    assertThat(backing.approximateNumEntries()).isEqualTo(3);
    // the kept record's own park time now decides when the group times out
    assertThat(dueAt(pending, 5 + TIMEOUT.toMillis())).doesNotContain("pile/val");
    assertThat(dueAt(pending, 6 + TIMEOUT.toMillis())).contains("pile/val", "pile", "pile/val%");
  }

  @Test
  void aGroupIsDueOnceItsOldestRecordTimedOut() {
    PendingRecords pending = new PendingRecords(store, clock, TIMEOUT, r -> "unused");
    pending.park("bench", parked(1_000, 1, "newer"));
    pending.park("bench", parked(400, 2, "older"));

    assertThat(dueAt(pending, 400 + TIMEOUT.toMillis())).isEmpty();
    assertThat(dueAt(pending, 401 + TIMEOUT.toMillis())).containsExactly("bench");
    pending.retry("bench", r -> true);
    assertThat(pending.groupCount()).isZero();
    assertThat(backing.approximateNumEntries()).isZero();
  }

  @Test
  void anArrivalForAGroupWithNothingParkedIsForgotten() {
    PendingRecords pending = new PendingRecords(store, clock, TIMEOUT, r -> "unused");
    pending.arrived("bench");
    pending.park("bench", parked(0, 1, "later"));
    assertThat(dueAt(pending, 1)).isEmpty();
  }

  @Test
  void aRestartedProcessorKnowsTheStoredGroupsAndMovesOldKeysUnderTheirGroup() {
    new PendingRecords(store, clock, TIMEOUT, r -> "unused").park("corpus a", parked(7, 1, "keyed"));
    ParkedRecord legacy = parked(3, 2, "legacy in corpus b");
    backing.put(legacy.key(), legacy.encode());

    PendingRecords restarted = new PendingRecords(store, clock, TIMEOUT, r -> payload(r).endsWith("corpus b") ? "corpus b" : "?");

    assertThat(restarted.groupCount()).isEqualTo(2);
    assertThat(backing.get(legacy.key())).isNull();
    List<String> inB = new ArrayList<>();
    restarted.retry("corpus b", r -> inB.add(payload(r)));
    assertThat(inB).containsExactly("legacy in corpus b");
    assertThat(dueAt(restarted, 8 + TIMEOUT.toMillis())).containsExactly("corpus a");
  }

  /** Issue 26: a retry offers records in the order they were read; the store orders keys as text (@10 before @9). */
  @Test
  void aRetryOffersRecordsInTheOrderTheyWereRead() {
    PendingRecords pending = new PendingRecords(store, clock, TIMEOUT, r -> "unused");
    for (long offset : new long[] {100, 9, 10, 2}) {
      pending.park("bench", parked(0, offset, "offset " + offset));
    }
    pending.park("bench", new ParkedRecord(0, new SourceCoordinates("text-scores", 1, 1), "p1 offset 1".getBytes(StandardCharsets.UTF_8)));
    pending.arrived("bench");
    List<String> offered = new ArrayList<>();
    pending.retry("bench", r -> offered.add(payload(r)));
    assertThat(offered).containsExactly("offset 2", "offset 9", "offset 10", "offset 100", "p1 offset 1");
  }

  /** Issue 26: what a group waited for may have arrived just before a stop; a restarted processor retries every group once. */
  @Test
  void aRestartedProcessorRetriesEveryGroupOnce() {
    PendingRecords before = new PendingRecords(store, clock, TIMEOUT, r -> "unused");
    before.park("bench", parked(0, 1, "waited"));
    before.arrived("bench"); // the items came, and the processor stopped before its next check

    PendingRecords restarted = new PendingRecords(store, clock, TIMEOUT, r -> "unused");
    assertThat(dueAt(restarted, 1)).containsExactly("bench");
    restarted.retry("bench", r -> false);
    assertThat(dueAt(restarted, 2)).as("once").isEmpty();
  }

  /** Issue 26: a record of a model whose earlier records wait must wait behind them; the owners survive a restart. */
  @Test
  void anOwnerWithRecordsWaitingIsKnownUntilTheyAreSettled() {
    PendingRecords pending = new PendingRecords(store, clock, TIMEOUT, r -> "unused", r -> payload(r).split(" ")[0]);
    pending.park("bench", parked(0, 1, "a first"));
    pending.park("bench", parked(0, 2, "b first"));
    assertThat(pending.waits("bench", "a")).isTrue();
    assertThat(pending.waits("other", "a")).isFalse();
    assertThat(pending.waits("bench", "c")).isFalse();

    PendingRecords restarted = new PendingRecords(store, clock, TIMEOUT, r -> "unused", r -> payload(r).split(" ")[0]);
    assertThat(restarted.waits("bench", "b")).isTrue();
    restarted.retry("bench", r -> payload(r).startsWith("a"));
    assertThat(restarted.waits("bench", "a")).isFalse();
    assertThat(restarted.waits("bench", "b")).isTrue();
  }
}
