package io.modelmap.cli.bench;

import io.modelmap.producer.kafka.ConnectionConfig;
import io.modelmap.schemas.topic.Topic;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches an output topic (read_committed, as a dashboard would) and notes, per key, the wall-clock
 * time the first value that counts (a final neighbour list, predictions of every benchmark) became
 * visible, and keeps the latest value of every key.
 */
final class FirstSeenProbe<V> implements Runnable, AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final Topic<String, V> topic;
  private final Predicate<V> counts;
  private final Map<String, Long> firstSeenNanos = new ConcurrentHashMap<>();
  private final Map<String, V> latest = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);

  FirstSeenProbe(ConnectionConfig connection, Topic<String, V> topic, Predicate<V> counts) {
    this.topic = topic;
    this.counts = counts;
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
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
    var partitions = consumer.partitionsFor(topic.name()).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    var deserializer = topic.valueSerde().deserializer();
    while (running.get()) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
        long now = System.nanoTime();
        V value = deserializer.deserialize(record.topic(), record.value());
        latest.put(record.key(), value);
        if (counts.test(value)) {
          firstSeenNanos.putIfAbsent(record.key(), now);
        }
      }
    }
    consumer.close();
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
