package io.modelmap.cli.bench;

import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.TopicFollower;
import io.modelmap.schemas.topic.Topic;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Watches an output topic from its beginning (read_committed, as a dashboard would, through a
 * {@link TopicFollower}) and notes, per key, the wall-clock
 * time the first value that counts (a final neighbour list, predictions of every benchmark) became
 * visible, and keeps the latest value of every key.
 */
final class FirstSeenProbe<V> implements Runnable, AutoCloseable {
  private final TopicFollower<String, V> follower;
  private final Predicate<V> counts;
  private final Map<String, Long> firstSeenNanos = new ConcurrentHashMap<>();
  private final Map<String, V> latest = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);

  FirstSeenProbe(KafkaConnection connection, Topic<String, V> topic, Predicate<V> counts) {
    this.counts = counts;
    this.follower = new TopicFollower<>(connection, topic);
  }

  /** Starts watching on its own daemon thread. */
  FirstSeenProbe<V> start(String name) {
    Thread thread = new Thread(this, name);
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  @Override
  public void run() {
    try (follower) {
      while (running.get()) {
        follower.poll(Duration.ofMillis(20), (key, value) -> {
          long now = System.nanoTime();
          latest.put(key, value);
          if (counts.test(value)) {
            firstSeenNanos.putIfAbsent(key, now);
          }
        });
      }
    }
  }

  Long firstSeenNanos(String key) {
    return firstSeenNanos.get(key);
  }

  int seenCount() {
    return firstSeenNanos.size();
  }

  Map<String, V> latest() {
    return latest;
  }

  @Override
  public void close() {
    running.set(false);
  }
}
