package io.modelmap.kafka;

import io.modelmap.schemas.topic.Topic;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest value per key of a (compacted) topic, kept current by a {@link TopicFollower}: each
 * {@link #current()} reads only what was published since the last one, never the whole topic again.
 * A tombstone removes its key.
 */
public final class LatestByKey<K, V> implements AutoCloseable {
  private final TopicFollower<K, V> follower;
  private final Map<K, V> latest = new LinkedHashMap<>();

  public LatestByKey(KafkaConnection connection, Topic<K, V> topic) {
    this.follower = new TopicFollower<>(connection, topic);
  }

  /** The latest value of every key up to the topic's end offsets now (a view, changed by the next call). */
  public Map<K, V> current() {
    follower.catchUp((key, value) -> {
      if (value == null) {
        latest.remove(key);
      } else {
        latest.put(key, value);
      }
    });
    return Collections.unmodifiableMap(latest);
  }

  @Override
  public void close() {
    follower.close();
  }
}
