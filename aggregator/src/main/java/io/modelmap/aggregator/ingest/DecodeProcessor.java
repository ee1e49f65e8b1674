package io.modelmap.aggregator.ingest;


import io.modelmap.schemas.avro.DeadLetter;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes raw values and validates them. Good records go on (with their source coordinates in
 * headers); undecodable or invalid ones become {@link DeadLetter}s, are logged at WARN with
 * topic/partition/offset and counted, and the application keeps running.
 */
public final class DecodeProcessor<V extends SpecificRecord> implements Processor<String, byte[], String, SpecificRecord> {
  private final Deserializer<V> deserializer;
  private final Validator<V> validator;
  private final Clock clock;
  private ProcessorContext<String, SpecificRecord> context;
  private DeadLetterSink deadLetters;

  public DecodeProcessor(Deserializer<V> deserializer, Validator<V> validator, Clock clock) {
    this.deserializer = deserializer;
    this.validator = validator;
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.deadLetters = new DeadLetterSink(context, clock);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    RecordMetadata meta = context.recordMetadata().orElseThrow();
    SourceCoordinates source = new SourceCoordinates(meta.topic(), meta.partition(), meta.offset());
    Admission<V> admission = Admission.of(deserializer, validator, meta.topic(), record.key(), record.value());
    if (!admission.accepted()) {
      deadLetters.send(record.key(), record.value(), source, admission.rejection().rule(),
          admission.rejection().message(), record.timestamp());
      return;
    }
    source.writeTo(record.headers());
    context.forward(record.withValue(admission.value()));
  }
}
