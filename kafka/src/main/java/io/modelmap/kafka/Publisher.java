package io.modelmap.kafka;

import io.modelmap.schemas.topic.Topic;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** An idempotent producer that writes typed records to {@link Topic}s; {@link #flush} waits for every ack. */
public final class Publisher implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private volatile Exception firstFailure;

  public Publisher(KafkaConnection connection) {
    Properties props = connection.producerProperties(); // a setting the user gave wins over these defaults
    props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
    props.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
    this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  public <K, V> void send(Topic<K, V> topic, K key, V value) {
    byte[] k = topic.keySerde().serializer().serialize(topic.name(), key);
    byte[] v = topic.valueSerde().serializer().serialize(topic.name(), value);
    producer.send(new ProducerRecord<>(topic.name(), k, v), (meta, e) -> {
      if (e != null && firstFailure == null) {
        firstFailure = e;
      }
    });
  }

  /** Waits until every record sent so far is acknowledged; throws if any failed. */
  public void flush() {
    producer.flush();
    if (firstFailure != null) {
      throw new IllegalStateException("publishing failed: " + firstFailure.getMessage()
          + "; check the bootstrap servers and that the topics exist", firstFailure);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
