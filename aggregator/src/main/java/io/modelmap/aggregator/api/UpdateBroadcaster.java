package io.modelmap.aggregator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.schemas.topic.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the output topics (every partition, read_committed, from their end) and hands each update
 * to every connected event-stream client as a small JSON event: the topic and the key, which tells a
 * dashboard what to fetch again. Every instance follows every partition, so a client connected to any
 * instance sees all updates.
 */
final class UpdateBroadcaster implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UpdateBroadcaster.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int QUEUE_LIMIT = 10_000;
  /** Event streams served at once: each holds up to {@value #QUEUE_LIMIT} queued events (and a writer thread only while written to). */
  static final int MAX_SUBSCRIBERS = 64;

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<String> topics;
  private final List<BlockingQueue<String>> subscribers = new CopyOnWriteArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);

  UpdateBroadcaster(KafkaConnection connection, TopicNames names) {
    this.topics = List.of(names.modelRegistered(), names.modelCoordinates(), names.coordinateFrame(),
        names.modelNeighbors(), names.errorAgreement(), names.modelAccuracy(), names.scorePredictions(),
        names.predictionQuality(), names.modelAnalytics(), names.modelEmbeddings(), names.responseSimilarity(), names.hubDecisions());
    Properties props = connection.consumerProperties();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * A new subscriber's queue of events (a client too slow to keep up loses its oldest events), or
   * empty when {@value #MAX_SUBSCRIBERS} streams are already served.
   */
  synchronized Optional<BlockingQueue<String>> subscribe() {
    if (subscribers.size() >= MAX_SUBSCRIBERS) {
      return Optional.empty();
    }
    BlockingQueue<String> queue = new LinkedBlockingQueue<>(QUEUE_LIMIT);
    subscribers.add(queue);
    return Optional.of(queue);
  }

  void unsubscribe(BlockingQueue<String> queue) {
    subscribers.remove(queue);
  }

  @Override
  public void run() {
    try {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        consumer.partitionsFor(topic, Duration.ofSeconds(30))
            .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          publish(record.topic(), record.key());
        }
      }
    } catch (org.apache.kafka.common.errors.WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("The update stream stopped: {}; dashboards no longer update live", e.getMessage(), e);
    } finally {
      consumer.close();
    }
  }

  /** Hands one update to every subscriber; package-private for tests. */
  void publish(String topic, String key) {
    String json;
    try {
      json = JSON.writeValueAsString(new UpdateEvent(topic, key));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    for (BlockingQueue<String> queue : subscribers) {
      if (!queue.offer(json)) {
        queue.poll();
        queue.offer(json);
      }
    }
  }

  /** One update as a client receives it: the topic and the key, which tell it what to fetch again. */
  record UpdateEvent(String topic, String key) {}

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
  }
}
