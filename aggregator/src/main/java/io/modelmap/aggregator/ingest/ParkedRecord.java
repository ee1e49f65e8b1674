package io.modelmap.aggregator.ingest;

import io.modelmap.aggregator.support.StoreBytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Deserializer;

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
  /** First seen, partition, offset and the topic's length. */
  private static final int HEADER_BYTES = 8 + 4 + 8 + 4;

  /**
   * The restore check of a pending store's values: the envelope ({@link #decode}) and the record inside it,
   * decoded by {@code inner} as the processors decode it when they look for a record's owner or retry it. A
   * poisoned record inside a sound envelope is left out of the restore, not met by a processor later, where
   * it stopped the stream thread.
   */
  public static Deserializer<ParkedRecord> restoreCheck(Deserializer<?> inner) {
    return (topic, bytes) -> {
      ParkedRecord parked = decode(bytes);
      if (inner.deserialize(parked.source().topic(), parked.encodedValue()) == null) {
        throw StoreBytes.unreadable("parked record", "no record inside");
      }
      return parked;
    };
  }

  /** Store key: the source coordinates, unique per record. */
  public String key() {
    return source.topic() + "-" + source.partition() + "@" + source.offset();
  }

  public byte[] encode() {
    byte[] topic = source.topic().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(HEADER_BYTES + topic.length + encodedValue.length)
        .putLong(firstSeenMs).putInt(source.partition()).putLong(source.offset())
        .putInt(topic.length).put(topic).put(encodedValue).array();
  }

  /** firstSeenMs (long), partition (int), offset (long), topic length (int), topic (UTF-8), the value. */
  public static ParkedRecord decode(byte[] bytes) {
    ByteBuffer b = StoreBytes.reader(bytes, HEADER_BYTES, "parked record");
    long firstSeen = b.getLong();
    int partition = b.getInt();
    long offset = b.getLong();
    int topicLength = b.getInt();
    if (topicLength < 0 || topicLength > b.remaining()) {
      throw StoreBytes.unreadable("parked record", "topic of " + topicLength + " bytes in " + bytes.length);
    }
    byte[] topic = new byte[topicLength];
    b.get(topic);
    byte[] value = Arrays.copyOfRange(bytes, b.position(), bytes.length);
    return new ParkedRecord(firstSeen,
        new SourceCoordinates(new String(topic, StandardCharsets.UTF_8), partition, offset), value);
  }
}
