package io.modelmap.kafka;

import io.modelmap.schemas.topic.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one topic forward without a consumer group (read_committed): each partition is assigned and
 * sought to its beginning once, and every call goes on from where the previous one stopped, so a cache
 * kept current by it re-reads nothing it has seen. {@link #catchUp} reads up to the end offsets at the
 * time of the call; {@link #poll} hands over whatever one poll brings (for a reader that watches
 * continuously). Partitions added to the topic later are read from their beginning.
 */
public final class TopicFollower<K, V> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final Topic<K, V> topic;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Set<TopicPartition> assigned = new HashSet<>();

  public TopicFollower(KafkaConnection connection, Topic<K, V> topic) {
    this.topic = topic;
    Properties props = connection.consumerProperties();
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false); // no group: the position lives here
    props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * Calls {@code each} for every record after the last one read, up to the current end. A record that
   * does not decode is skipped with a warning; a schema registry that cannot answer fails the call.
   */
  public void catchUp(BiConsumer<K, V> each) {
    assignNewPartitions();
    Map<TopicPartition, Long> end = consumer.endOffsets(assigned, TIMEOUT);
    while (assigned.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
      Map<TopicPartition, Long> firstBeyondEnd = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        TopicPartition partition = new TopicPartition(r.topic(), r.partition());
        if (r.offset() < end.get(partition)) {
          decode(r, each);
        } else {
          firstBeyondEnd.putIfAbsent(partition, r.offset());
        }
      }
      firstBeyondEnd.forEach(consumer::seek); // the next call starts at what this one left unread
    }
  }

  /**
   * Polls once, waiting up to {@code timeout} for records after the last one read, and calls
   * {@code each} for every record it brings (undecodable ones skipped as in {@link #catchUp}).
   */
  public void poll(Duration timeout, BiConsumer<K, V> each) {
    assignNewPartitions();
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
      decode(r, each);
    }
  }

  private void assignNewPartitions() {
    List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), TIMEOUT).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    if (!assigned.containsAll(partitions)) {
      List<TopicPartition> added = partitions.stream().filter(p -> !assigned.contains(p)).toList();
      assigned.addAll(added);
      consumer.assign(assigned);
      consumer.seekToBeginning(added);
    }
  }

  /**
   * One record to {@code each}; a record that does not decode is skipped with a warning (the
   * aggregator dead-letters it), so one bad record never stops a reader. A schema registry that
   * cannot answer is not skipped: the read fails, to be tried again.
   */
  private void decode(ConsumerRecord<byte[], byte[]> r, BiConsumer<K, V> each) {
    K key;
    V value;
    try {
      key = topic.keySerde().deserializer().deserialize(r.topic(), r.key());
      value = topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
    } catch (SerializationException e) {
      LOG.warn("Skipping undecodable record at {}-{} offset {}: {}", r.topic(), r.partition(), r.offset(),
          e.getMessage());
      return;
    }
    each.accept(key, value);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
