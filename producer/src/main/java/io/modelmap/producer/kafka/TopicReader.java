package io.modelmap.producer.kafka;

import io.modelmap.schemas.topic.Topic;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a topic from the beginning to its current end, without a consumer group. */
public final class TopicReader {
  private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);
  private final ConnectionConfig connection;

  public TopicReader(ConnectionConfig connection) {
    this.connection = connection;
  }

  /** Calls {@code each} for every record up to the end offsets at the time of the call. */
  public <K, V> void readAll(Topic<K, V> topic, BiConsumer<K, V> each) {
    try (TopicFollower<K, V> follower = new TopicFollower<>(connection, topic)) {
      follower.catchUp(each);
    }
  }

  /**
   * One record to {@code each}; a record that does not decode is skipped with a warning (the
   * aggregator dead-letters it), so one bad record never stops a reader. A schema registry that
   * cannot answer is not skipped: the read fails, to be tried again.
   */
  static <K, V> void decode(Topic<K, V> topic, ConsumerRecord<byte[], byte[]> r, BiConsumer<K, V> each) {
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
