package io.modelmap.producer.kafka;

import io.modelmap.schemas.topic.Topic;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a topic from the beginning to its current end, without a consumer group. */
public final class TopicReader {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);
  private final ConnectionConfig connection;

  public TopicReader(ConnectionConfig connection) {
    this.connection = connection;
  }

  /** Calls {@code each} for every record up to the end offsets at the time of the call. */
  public <K, V> void readAll(Topic<K, V> topic, BiConsumer<K, V> each) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    props.putAll(connection.clientOverrides());
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), TIMEOUT).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
            decode(topic, r, each);
          }
        }
      }
    }
  }

  /**
   * One record to {@code each}; a record that does not decode is skipped with a warning (the
   * aggregator dead-letters it), so one bad record never stops a reader. A schema registry that
   * cannot answer is not skipped: the read fails, to be tried again.
   */
  private static <K, V> void decode(Topic<K, V> topic, ConsumerRecord<byte[], byte[]> r, BiConsumer<K, V> each) {
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

  /** The latest value per key (the view of a compacted topic); tombstones remove keys. */
  public <K, V> Map<K, V> latestByKey(Topic<K, V> topic) {
    Map<K, V> latest = new LinkedHashMap<>();
    readAll(topic, (k, v) -> {
      if (v == null) {
        latest.remove(k);
      } else {
        latest.put(k, v);
      }
    });
    return latest;
  }
}
