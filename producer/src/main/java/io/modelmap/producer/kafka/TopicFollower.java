package io.modelmap.producer.kafka;

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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one topic without a consumer group, each call from where the previous one stopped to the end
 * offsets at the time of the call: a cache kept current by it re-reads nothing it has seen.
 */
public final class TopicFollower<K, V> implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final Topic<K, V> topic;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Set<TopicPartition> assigned = new HashSet<>();

  public TopicFollower(ConnectionConfig connection, Topic<K, V> topic) {
    this.topic = topic;
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    props.putAll(connection.clientOverrides());
    this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * Calls {@code each} for every record after the last one read, up to the current end. A record that
   * does not decode is skipped with a warning; a schema registry that cannot answer fails the call.
   */
  public void catchUp(BiConsumer<K, V> each) {
    List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), TIMEOUT).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    if (!assigned.containsAll(partitions)) {
      List<TopicPartition> added = partitions.stream().filter(p -> !assigned.contains(p)).toList();
      assigned.addAll(added);
      consumer.assign(assigned);
      consumer.seekToBeginning(added);
    }
    Map<TopicPartition, Long> end = consumer.endOffsets(assigned, TIMEOUT);
    while (assigned.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
      Map<TopicPartition, Long> firstBeyondEnd = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        TopicPartition partition = new TopicPartition(r.topic(), r.partition());
        if (r.offset() < end.get(partition)) {
          TopicReader.decode(topic, r, each);
        } else {
          firstBeyondEnd.putIfAbsent(partition, r.offset());
        }
      }
      firstBeyondEnd.forEach(consumer::seek); // the next call starts at what this one left unread
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
