package io.modelmap.aggregator.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.registry.InMemorySchemaRegistryClient;
import io.modelmap.schemas.serde.ConfluentAvroDeserializer;
import io.modelmap.schemas.serde.ConfluentAvroSerializer;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;

/**
 * Seeded changelog records, thousands at a time, through a guarded binary store's restore (issue 26): the
 * layout's own valid records, crafted ones that must be refused (length bombs, lengths that lie), random
 * bytes, and valid records mutated (a byte flipped, cut short, lengthened, a 4-byte window set to a huge
 * count). Nothing throws and nothing runs out of memory; every valid record reaches the store, every crafted
 * one does not; each record left out is counted and dead-lettered {@code undecodable} with its bytes and
 * offset, and no record is both.
 */
public final class RestoreFuzz {
  private static final InMemorySchemaRegistryClient REGISTRY = new InMemorySchemaRegistryClient();
  private static final int BATCH = 500;

  private RestoreFuzz() {}

  /**
   * @param valid a record of the layout, as the processor writes it, from the seeded random
   * @param refused crafted records the restore must leave out
   * @return how many of the records were left out (for the caller's own bounds)
   */
  public static long check(KeyValueBytesStoreSupplier supplier, Function<Random, Map.Entry<byte[], byte[]>> valid,
      List<Map.Entry<byte[], byte[]>> refused, long seed, int records) {
    Random r = new Random(seed);
    String changelog = "app-" + supplier.name() + "-changelog";
    MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
        new ByteArraySerializer());
    RestoreRejects rejects = new RestoreRejects(producer, new ConfluentAvroSerializer<>(REGISTRY, false),
        Clock.systemUTC());
    Set<Long> mustKeep = new HashSet<>();
    Set<Long> mustRefuse = new HashSet<>();
    List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
    for (long offset = 0; offset < records; offset++) {
      Map.Entry<byte[], byte[]> entry = valid.apply(r);
      byte[] key = entry.getKey();
      byte[] value = entry.getValue();
      switch (r.nextInt(4)) {
        case 0 -> mustKeep.add(offset);
        case 1 -> {
          Map.Entry<byte[], byte[]> crafted = refused.get(r.nextInt(refused.size()));
          key = crafted.getKey();
          value = crafted.getValue();
          mustRefuse.add(offset);
        }
        case 2 -> {
          value = new byte[r.nextInt(8) == 0 ? r.nextInt(4096) : r.nextInt(64)];
          r.nextBytes(value);
        }
        default -> value = mutated(value, r);
      }
      all.add(new ConsumerRecord<>(changelog, 0, offset, key, value));
    }
    List<Long> kept = new ArrayList<>();
    for (int from = 0; from < all.size(); from += BATCH) {
      List<ConsumerRecord<byte[], byte[]>> batch = all.subList(from, Math.min(all.size(), from + BATCH));
      assertThatCode(() -> RestoreProbe.restore(supplier, rejects, batch).forEach(k -> kept.add(k.offset())))
          .as("restoring %s (seed %d) from offset %d", supplier.name(), seed, from).doesNotThrowAnyException();
    }
    Set<Long> left = new HashSet<>();
    ConfluentAvroDeserializer<DeadLetter> letters = new ConfluentAvroDeserializer<>(REGISTRY, DeadLetter.class);
    for (ProducerRecord<byte[], byte[]> sent : producer.history()) {
      assertThat(sent.topic()).isEqualTo(changelog + "-dlq");
      DeadLetter letter = letters.deserialize(sent.topic(), sent.value());
      assertThat(letter.getErrorClass()).isEqualTo("undecodable");
      ConsumerRecord<byte[], byte[]> original = all.get((int) letter.getOffset());
      assertThat(letter.getOriginalValue()).as("offset %d", letter.getOffset())
          .isEqualTo(ByteBuffer.wrap(original.value()));
      left.add(letter.getOffset());
    }
    assertThat(rejects.count()).as("%s: counted", supplier.name()).hasValue(left.size());
    assertThat(kept).as("%s (seed %d): kept and left out", supplier.name(), seed).doesNotContainAnyElementsOf(left);
    assertThat(kept.size() + left.size()).as("%s: every record kept or left out", supplier.name()).isEqualTo(records);
    assertThat(kept).as("%s: valid records kept", supplier.name()).containsAll(mustKeep);
    assertThat(left).as("%s: crafted records left out", supplier.name()).containsAll(mustRefuse);
    return left.size();
  }

  private static byte[] mutated(byte[] value, Random r) {
    byte[] copy = value.clone();
    switch (r.nextInt(4)) {
      case 0 -> {
        if (copy.length > 0) {
          copy[r.nextInt(copy.length)] ^= (byte) (1 + r.nextInt(255));
        }
      }
      case 1 -> copy = java.util.Arrays.copyOf(copy, copy.length == 0 ? 0 : r.nextInt(copy.length));
      case 2 -> {
        byte[] tail = new byte[1 + r.nextInt(16)];
        r.nextBytes(tail);
        copy = java.util.Arrays.copyOf(copy, copy.length + tail.length);
        System.arraycopy(tail, 0, copy, copy.length - tail.length, tail.length);
      }
      default -> {
        if (copy.length >= 4) {
          ByteBuffer.wrap(copy).putInt(r.nextInt(copy.length - 3), 0x7FFF_FFF7); // a count of 2^31 − 9
        }
      }
    }
    return copy;
  }
}
