package io.modelmap.aggregator.ingest;

import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.topic.DeadLetterRecords;
import java.time.Clock;

/** Builds dead letters: the original bytes, where they came from, and why they were refused. */
public final class DeadLetters {
  private DeadLetters() {}

  public static DeadLetter of(String key, byte[] value, SourceCoordinates source, String rule, String message,
      Clock clock) {
    return DeadLetterRecords.of(key, value, source.topic(), source.partition(), source.offset(), rule, message,
        clock.millis());
  }
}
