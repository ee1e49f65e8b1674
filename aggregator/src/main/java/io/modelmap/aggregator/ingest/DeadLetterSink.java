package io.modelmap.aggregator.ingest;

import io.modelmap.aggregator.support.TaskSensors;

import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a stateful processor sends a record it refuses after decoding (it contradicts state, or names
 * something that never arrived): logged at WARN, counted, and forwarded as a dead letter.
 */
public final class DeadLetterSink {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSink.class);

  private final ProcessorContext<String, SpecificRecord> context;
  private final TaskSensors rejected;
  private final Clock clock;

  public DeadLetterSink(ProcessorContext<String, SpecificRecord> context, Clock clock) {
    this.context = context;
    this.rejected = TaskSensors.deadLetters(context);
    this.clock = clock;
  }

  public void send(String key, byte[] value, SourceCoordinates source, String rule, String message, long timestamp) {
    LOG.warn("Dead-lettering record at {}-{} offset {}: {} ({})", source.topic(), source.partition(),
        source.offset(), message, rule);
    rejected.increment();
    context.forward(new Record<>(key, DeadLetters.of(key, value, source, rule, message, clock), timestamp));
  }
}
