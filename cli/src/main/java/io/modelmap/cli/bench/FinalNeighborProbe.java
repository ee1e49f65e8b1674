package io.modelmap.cli.bench;

import io.modelmap.producer.kafka.ConnectionConfig;
import io.modelmap.schemas.avro.NeighborList;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches {@code model-neighbors} (read_committed, as a dashboard would) and notes, per model, the
 * wall-clock time its first final (non-provisional) neighbour list became visible, and keeps the
 * latest list of every model.
 */
final class FinalNeighborProbe implements Runnable, AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final ConnectionConfig connection;
  private final Map<String, Long> firstFinalNanos = new ConcurrentHashMap<>();
  private final Map<String, NeighborList> latest = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);

  FinalNeighborProbe(ConnectionConfig connection) {
    this.connection = connection;
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public void run() {
    var topic = connection.topics().modelNeighbors();
    var partitions = consumer.partitionsFor(topic.name()).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    var deserializer = topic.valueSerde().deserializer();
    while (running.get()) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
        long now = System.nanoTime();
        NeighborList list = deserializer.deserialize(record.topic(), record.value());
        latest.put(record.key(), list);
        if (!list.getProvisional()) {
          firstFinalNanos.putIfAbsent(record.key(), now);
        }
      }
    }
    consumer.close();
  }

  Long firstFinalNanos(String model) {
    return firstFinalNanos.get(model);
  }

  int finalCount() {
    return firstFinalNanos.size();
  }

  Map<String, NeighborList> latest() {
    return latest;
  }

  @Override
  public void close() {
    running.set(false);
  }
}
