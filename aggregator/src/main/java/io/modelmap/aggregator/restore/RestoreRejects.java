package io.modelmap.aggregator.restore;

import static io.modelmap.schemas.topic.DeadLetterReason.UNDECODABLE;

import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.topic.DeadLetterRecords;
import io.modelmap.schemas.topic.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a restore puts the changelog records it left out: logged at WARN with topic/partition/offset
 * and counted. A record of an internal changelog ({@code *-changelog}, written by a processor) is also
 * sent to {@code <changelog topic>-dlq} (rule {@code undecodable}) by a producer of its own, outside the
 * task's transaction (a restore has none); it stays on its changelog, so every restore that meets it
 * sends it again, with the same topic, partition and offset. A view's topic doubles as its changelog,
 * and a restore reads it only up to the committed offset: every bad record there was dead-lettered
 * exactly once when the view read it ({@code UndecodableViewRecords}, in the same transaction as that
 * offset), so it is counted, not sent again.
 */
public final class RestoreRejects implements AutoCloseable {
  /** Config key under which the aggregator hands its instance to the stores (as with the view handler). */
  public static final String CONFIG = "modelmap.restore.rejects";
  private static final Logger LOG = LoggerFactory.getLogger(RestoreRejects.class);
  /** How Kafka Streams names the changelog topics it creates (a view's source topic has no such suffix). */
  private static final String CHANGELOG_SUFFIX = "-changelog";

  private final AtomicLong count = new AtomicLong();
  private final Producer<byte[], byte[]> producer;
  private final Serializer<DeadLetter> serializer;
  private final Clock clock;
  private final DeadLetterTopics topics;

  /** Rejects sent with {@code producer} (null: counted and logged only), serialized by {@code serializer}. */
  public RestoreRejects(Producer<byte[], byte[]> producer, Serializer<DeadLetter> serializer, Clock clock) {
    this(producer, serializer, clock, DeadLetterTopics.provisioned());
  }

  /** As above, each dead-letter topic made sure of by {@code topics} before its first letter. */
  public RestoreRejects(Producer<byte[], byte[]> producer, Serializer<DeadLetter> serializer, Clock clock,
      DeadLetterTopics topics) {
    this.producer = producer;
    this.serializer = serializer;
    this.clock = clock;
    this.topics = topics;
  }

  /** The settings that hand {@code rejects} to every guarded store. */
  public static Map<String, Object> settings(RestoreRejects rejects) {
    return Map.of(CONFIG, rejects);
  }

  /** The instance in the application's configs, or one that only counts and logs. */
  static RestoreRejects from(Map<String, Object> configs) {
    return configs.get(CONFIG) instanceof RestoreRejects given ? given : new RestoreRejects(null, null, Clock.systemUTC());
  }

  /** How many changelog records restores have left out. */
  public AtomicLong count() {
    return count;
  }

  void skipped(String store, ConsumerRecord<byte[], byte[]> record, byte[] value, String problem) {
    count.incrementAndGet();
    LOG.warn("Restoring {}: left out the record at {}-{} offset {}, which does not decode: {}", store, record.topic(),
        record.partition(), record.offset(), problem);
    if (producer == null || !record.topic().endsWith(CHANGELOG_SUFFIX)) {
      return;
    }
    String dlq = TopicNames.deadLetter(record.topic());
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    DeadLetter letter = DeadLetterRecords.of(key, value, record.topic(), record.partition(), record.offset(),
        UNDECODABLE.code(), "left out of store " + store + " while restoring it: " + problem, clock.millis());
    try {
      topics.ensure(dlq); // Kafka Streams created the changelog: nothing provisioned its dead-letter topic
      producer.send(new ProducerRecord<>(dlq, record.key(), serializer.serialize(dlq, letter)), (meta, e) -> {
        if (e != null) {
          LOG.warn("Could not send the dead letter of {}-{} offset {} to {}: {}", record.topic(), record.partition(),
              record.offset(), dlq, e.getMessage());
        }
      });
    } catch (RuntimeException e) { // the count and the log stand; a restore never fails for its dead letters
      LOG.warn("Could not send the dead letter of {}-{} offset {} to {}: {}", record.topic(), record.partition(),
          record.offset(), dlq, e.getMessage());
    }
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close(java.time.Duration.ofSeconds(5));
    }
  }
}
