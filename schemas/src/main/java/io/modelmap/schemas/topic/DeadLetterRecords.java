package io.modelmap.schemas.topic;

import io.modelmap.schemas.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds the {@link DeadLetter} every service writes to {@code <topic>-dlq}: the original bytes, where they came from, why. */
public final class DeadLetterRecords {
  private DeadLetterRecords() {}

  public static DeadLetter of(String key, byte[] value, String topic, int partition, long offset, String rule,
      String message, long failedAtMs) {
    return DeadLetter.newBuilder()
        .setOriginalKey(key == null ? null : ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)))
        .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
        .setTopic(topic)
        .setPartition(partition)
        .setOffset(offset)
        .setErrorClass(rule)
        .setMessage(message)
        .setFailedAtMs(failedAtMs)
        .build();
  }
}
