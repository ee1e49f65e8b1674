package io.modelmap.aggregator.ingest;

import io.modelmap.schemas.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** Builds dead letters: the original bytes, where they came from, and why they were refused. */
public final class DeadLetters {
  private DeadLetters() {}

  public static DeadLetter of(String key, byte[] value, SourceCoordinates source, String rule, String message,
      Clock clock) {
    return DeadLetter.newBuilder()
        .setOriginalKey(key == null ? null : ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)))
        .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
        .setTopic(source.topic())
        .setPartition(source.partition())
        .setOffset(source.offset())
        .setErrorClass(rule)
        .setMessage(message)
        .setFailedAtMs(clock.millis())
        .build();
  }
}
