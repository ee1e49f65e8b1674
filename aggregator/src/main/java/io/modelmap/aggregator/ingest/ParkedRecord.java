package io.modelmap.aggregator.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A record that names something the aggregator has not seen yet (a text of a corpus, an item of a
 * benchmark: those topics are read independently of the scores and answers), held in a store until
 * it can be applied or a timeout passes.
 *
 * @param firstSeenMs wall-clock time the record was parked
 * @param source where the record was first read
 * @param encodedValue the record in the Confluent wire format
 */
public record ParkedRecord(long firstSeenMs, SourceCoordinates source, byte[] encodedValue) {

  /** Store key: the source coordinates, unique per record. */
  public String key() {
    return source.topic() + "-" + source.partition() + "@" + source.offset();
  }

  public byte[] encode() {
    byte[] topic = source.topic().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + 4 + 8 + 4 + topic.length + encodedValue.length)
        .putLong(firstSeenMs).putInt(source.partition()).putLong(source.offset())
        .putInt(topic.length).put(topic).put(encodedValue).array();
  }

  public static ParkedRecord decode(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    long firstSeen = b.getLong();
    int partition = b.getInt();
    long offset = b.getLong();
    byte[] topic = new byte[b.getInt()];
    b.get(topic);
    byte[] value = Arrays.copyOfRange(bytes, b.position(), bytes.length);
    return new ParkedRecord(firstSeen,
        new SourceCoordinates(new String(topic, StandardCharsets.UTF_8), partition, offset), value);
  }
}
