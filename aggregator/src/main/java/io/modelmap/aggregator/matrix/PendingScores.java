package io.modelmap.aggregator.matrix;

import io.modelmap.aggregator.ingest.SourceCoordinates;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Scores that name a text the aggregator has not seen yet (the corpus topic and the scores topic are
 * read independently), held until the text arrives or {@code pendingTimeout} passes.
 *
 * @param firstSeenMs wall-clock time the record was parked
 * @param source where the record was first read
 * @param encodedScores the record in the Confluent wire format
 */
record PendingScores(long firstSeenMs, SourceCoordinates source, byte[] encodedScores) {

  String key() {
    return source.topic() + "-" + source.partition() + "@" + source.offset();
  }

  byte[] encode() {
    byte[] topic = source.topic().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + 4 + 8 + 4 + topic.length + encodedScores.length)
        .putLong(firstSeenMs).putInt(source.partition()).putLong(source.offset())
        .putInt(topic.length).put(topic).put(encodedScores).array();
  }

  static PendingScores decode(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    long firstSeen = b.getLong();
    int partition = b.getInt();
    long offset = b.getLong();
    byte[] topic = new byte[b.getInt()];
    b.get(topic);
    byte[] scores = Arrays.copyOfRange(bytes, b.position(), bytes.length);
    return new PendingScores(firstSeen,
        new SourceCoordinates(new String(topic, StandardCharsets.UTF_8), partition, offset), scores);
  }
}
