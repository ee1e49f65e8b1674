package io.modelmap.kafka;

import io.modelmap.schemas.topic.Topic;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Reads a topic once, from the beginning to its end offsets at the time of the call, without a
 * consumer group: a {@link TopicFollower} used for one catch-up. To look again later without reading
 * the topic again, keep a {@link TopicFollower} or a {@link LatestByKey} instead.
 */
public final class TopicReader {
  private final KafkaConnection connection;

  public TopicReader(KafkaConnection connection) {
    this.connection = connection;
  }

  /** Calls {@code each} for every record up to the end offsets at the time of the call. */
  public <K, V> void readAll(Topic<K, V> topic, BiConsumer<K, V> each) {
    try (TopicFollower<K, V> follower = new TopicFollower<>(connection, topic)) {
      follower.catchUp(each);
    }
  }

  /** The latest value per key (the view of a compacted topic); tombstones remove keys. */
  public <K, V> Map<K, V> latestByKey(Topic<K, V> topic) {
    try (LatestByKey<K, V> latest = new LatestByKey<>(connection, topic)) {
      return new LinkedHashMap<>(latest.current());
    }
  }
}
