package io.modelmap.aggregator.ingest;

import static io.modelmap.schemas.topic.DeadLetterReason.UNDECODABLE;

import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.registry.RegistryUnavailableException;
import io.modelmap.schemas.registry.SchemaRegistryClient;
import io.modelmap.schemas.serde.ConfluentAvroSerializer;
import io.modelmap.schemas.topic.DeadLetterRecords;
import io.modelmap.schemas.topic.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deserialization exception handler of the aggregator. The sources the topology decodes itself
 * are read as bytes and never fail here; the views ({@code model-registered}, {@code score-tasks-dlq})
 * are read by Kafka Streams' own tables, so a record there that does not decode, or breaks a rule of
 * the view's {@link RefusingDeserializer} (under that rule, such as {@code invalid-id}), comes here: it goes to
 * {@code <topic>-dlq} in the same transaction, with its bytes, and the aggregator keeps running. A
 * schema registry that cannot answer fails the thread instead, so the record is read again (see
 * {@code AggregatorService}'s uncaught-exception handler).
 */
public final class UndecodableViewRecords implements DeserializationExceptionHandler {
  /** Config key of the {@link SchemaRegistryClient} the dead letters are serialized with. */
  public static final String REGISTRY_CONFIG = "modelmap.dead.letter.registry";
  /** Config key of the {@link AtomicLong} that counts this handler's dead letters (a metric of the service). */
  public static final String COUNT_CONFIG = "modelmap.dead.letter.view.count";
  private static final Logger LOG = LoggerFactory.getLogger(UndecodableViewRecords.class);

  private ConfluentAvroSerializer<DeadLetter> serializer;
  private AtomicLong count;

  /** The Streams settings that install this handler, counting its dead letters in {@code count}. */
  public static Map<String, Object> settings(SchemaRegistryClient registry, AtomicLong count) {
    return Map.of(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, UndecodableViewRecords.class,
        REGISTRY_CONFIG, registry, COUNT_CONFIG, count);
  }

  @Override
  public void configure(Map<String, ?> configs) {
    serializer = new ConfluentAvroSerializer<>((SchemaRegistryClient) configs.get(REGISTRY_CONFIG), false);
    count = (AtomicLong) configs.get(COUNT_CONFIG);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (RegistryUnavailableException.isCauseOf(exception)) {
      return Response.fail();
    }
    String topic = record.topic();
    if (topic.endsWith(TopicNames.deadLetter(""))) {
      // a dead-letter topic read as a view: its broken records are skipped, not dead-lettered again
      LOG.warn("Skipping undecodable dead letter at {}-{} offset {}: {}", topic, record.partition(), record.offset(),
          exception.getMessage());
      return Response.resume();
    }
    String dlq = TopicNames.deadLetter(topic);
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    LOG.warn("Dead-lettering undecodable record at {}-{} offset {} to {}: {}", topic, record.partition(),
        record.offset(), dlq, exception.getMessage());
    DeadLetter letter = exception instanceof RefusingDeserializer.Refused refused
        ? DeadLetterRecords.of(key, record.value(), topic, record.partition(), record.offset(),
            refused.rejection().rule(), refused.rejection().message(), Clock.systemUTC().millis())
        : DeadLetterRecords.of(key, record.value(), topic, record.partition(), record.offset(),
            UNDECODABLE.code(), exception.getClass().getSimpleName() + ": " + exception.getMessage(), Clock.systemUTC().millis());
    count.incrementAndGet();
    return Response.resume(List.of(new ProducerRecord<>(dlq, record.key(), serializer.serialize(dlq, letter))));
  }
}
