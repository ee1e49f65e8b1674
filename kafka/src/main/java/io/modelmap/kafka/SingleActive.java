package io.modelmap.kafka;

import io.modelmap.schemas.topic.Topic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One active process among those that share a consumer group: the member the group gives partition 0 of a topic
 * is active, the others wait. Nothing is read (every partition is paused as it is assigned); the group only hands
 * partition 0 over. The cooperative sticky assignor revokes it from its holder (during the holder's next
 * {@link #holdFor}) before another member gets it, and a holder that stops, or stops polling for longer than
 * {@code max.poll.interval.ms} (default here: 30 minutes), leaves it to the next one.
 */
public final class SingleActive implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(500);
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final TopicPartition lease;
  private final Clock clock;
  private boolean held;

  /** Joins {@code groupId}; the lease is partition 0 of {@code topic}. */
  public SingleActive(KafkaConnection connection, String groupId, Topic<?, ?> topic, Clock clock) {
    this.lease = new TopicPartition(topic.name(), 0);
    this.clock = clock;
    Properties props = connection.consumerProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false); // nothing is read, nothing to commit
    props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic"); // the client-side assignor below decides
    props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    props.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    props.putIfAbsent(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofMinutes(30).toMillis());
    this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic.name()), new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        consumer.pause(partitions);
        held |= partitions.contains(lease);
      }

      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        held &= !partitions.contains(lease);
      }
    });
  }

  /**
   * Takes part in the group until this member holds the lease (at once when it does already); calls
   * {@code stillWaiting} once when that takes longer than {@code notice}. A standby waits as long as it takes.
   */
  public void awaitLease(Duration notice, Runnable stillWaiting) {
    awaitLease(notice, stillWaiting, Optional.empty());
  }

  /**
   * As {@link #awaitLease(Duration, Runnable)}, giving up after {@code atMost} when given (a one-off run must not
   * wait for a long-running holder that may never stop); answers whether this member holds the lease.
   */
  public boolean awaitLease(Duration notice, Runnable stillWaiting, Optional<Duration> atMost) {
    Instant start = clock.instant();
    Instant noticeAt = start.plus(notice);
    Optional<Instant> giveUpAt = atMost.map(start::plus);
    boolean told = false;
    while (!held) {
      if (giveUpAt.isPresent() && !clock.instant().isBefore(giveUpAt.get())) {
        return false;
      }
      consumer.poll(POLL);
      if (!held && !told && !clock.instant().isBefore(noticeAt)) {
        stillWaiting.run();
        told = true;
      }
    }
    return true;
  }

  /**
   * Takes part in the group for {@code duration} (the pause between two looks); answers whether this member still
   * holds the lease at the end.
   */
  public boolean holdFor(Duration duration) {
    Instant end = clock.instant().plus(duration);
    do {
      consumer.poll(POLL);
    } while (held && clock.instant().isBefore(end));
    return held;
  }

  /** Whether this member held the lease after its last poll. */
  public boolean held() {
    return held;
  }

  /** Leaves the group: another member gets the lease at once. */
  @Override
  public void close() {
    consumer.close();
  }
}
