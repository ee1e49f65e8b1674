package io.modelmap.aggregator.ingest;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;

/**
 * Where a record was first read (topic, partition, offset), carried in headers across repartition
 * topics so that a record rejected later is still reported at its original place.
 */
public record SourceCoordinates(String topic, int partition, long offset) {
  private static final String TOPIC = "modelmap.source.topic";
  private static final String PARTITION = "modelmap.source.partition";
  private static final String OFFSET = "modelmap.source.offset";

  /** Replaces any earlier coordinates in the headers with these. */
  public void writeTo(Headers headers) {
    headers.remove(TOPIC).remove(PARTITION).remove(OFFSET);
    headers.add(TOPIC, topic.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    headers.add(PARTITION, ByteBuffer.allocate(4).putInt(partition).array());
    headers.add(OFFSET, ByteBuffer.allocate(8).putLong(offset).array());
  }

  public static Optional<SourceCoordinates> readFrom(Headers headers) {
    var topic = headers.lastHeader(TOPIC);
    var partition = headers.lastHeader(PARTITION);
    var offset = headers.lastHeader(OFFSET);
    if (topic == null || partition == null || offset == null) {
      return Optional.empty();
    }
    return Optional.of(new SourceCoordinates(new String(topic.value(), java.nio.charset.StandardCharsets.UTF_8),
        ByteBuffer.wrap(partition.value()).getInt(), ByteBuffer.wrap(offset.value()).getLong()));
  }
}
