package io.modelmap.aggregator.agreement;

import io.modelmap.math.agreement.PairCounts;
import io.modelmap.aggregator.ingest.ParkedRecord;
import io.modelmap.aggregator.restore.GuardedStores;
import io.modelmap.aggregator.support.StoreBytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The RocksDB stores behind {@link AgreementState}. Pair counts are stored rather than recomputed on
 * restore, which would cost O(K²·M).
 *
 * <ul>
 *   <li>{@value #ITEMS}: benchmarkId/itemId → gold index, choice count (2 ints)
 *   <li>{@value #ANSWERS}: modelId NUL benchmarkId/itemId → chosen index (int)
 *   <li>{@value #PAIRS}: modelA NUL modelB → the pair's counts (longs)
 *   <li>{@value #PENDING}: benchmark id / source topic-partition@offset → answers waiting for their items
 * </ul>
 *
 * <p>Each store restores only the changelog records whose key and value the codecs below read
 * ({@link GuardedStores}).
 */
public final class AgreementStores {
  /** Also read by the embeddings (EmbeddingProcessor), which learn from the same answers. */
  public static final String ITEMS = "mc-items-store";
  public static final String ANSWERS = "mc-answers-store";
  static final String PAIRS = "agreement-pairs-store";
  public static final String PENDING = "pending-answers-store";

  /** The restore checks: each layout read by the code below that the processors read it with. */
  static final Deserializer<String[]> JOINED_KEYS = (topic, key) -> split(new String(key, StandardCharsets.UTF_8));
  static final Deserializer<Integer> ITEM_VALUES = (topic, value) -> gold(value) + choices(value);
  static final Deserializer<Integer> ANSWER_VALUES = (topic, value) -> chosenIndex(value);
  static final Deserializer<PairCounts> PAIR_VALUES = (topic, value) -> counts(value);

  private AgreementStores() {}

  /** @param parkedAnswers decodes the mc-answers records parked in {@value #PENDING}, checked on restore */
  public static List<StoreBuilder<?>> builders(Deserializer<?> parkedAnswers) {
    return List.of(store(supplier(ITEMS)), store(supplier(ANSWERS)), store(supplier(PAIRS)),
        store(pendingSupplier(parkedAnswers)));
  }

  /** The RocksDB store {@code name}, restoring only what its layout's reader reads. */
  static KeyValueBytesStoreSupplier supplier(String name) {
    return switch (name) {
      case ITEMS -> GuardedStores.plain(ITEMS, null, ITEM_VALUES);
      case ANSWERS -> GuardedStores.plain(ANSWERS, JOINED_KEYS, ANSWER_VALUES);
      case PAIRS -> GuardedStores.plain(PAIRS, JOINED_KEYS, PAIR_VALUES);
      default -> throw new IllegalArgumentException("no agreement store " + name);
    };
  }

  public static String[] names() {
    return new String[] {ITEMS, ANSWERS, PAIRS, PENDING};
  }

  /** The pending store, restoring only parked records whose envelope and mc-answers record both read. */
  static KeyValueBytesStoreSupplier pendingSupplier(Deserializer<?> parkedAnswers) {
    return GuardedStores.plain(PENDING, null, ParkedRecord.restoreCheck(parkedAnswers));
  }

  private static StoreBuilder<KeyValueStore<String, byte[]>> store(KeyValueBytesStoreSupplier supplier) {
    return Stores.keyValueStoreBuilder(supplier, Serdes.String(), Serdes.ByteArray());
  }

  static KeyValueStore<String, byte[]> get(ProcessorContext<?, ?> context, String name) {
    return context.getStateStore(name);
  }

  /** The gold index of a stored item. */
  public static int gold(byte[] item) {
    return StoreBytes.reader(item, 8, "item").getInt(0);
  }

  /** The choice count of a stored item. */
  static int choices(byte[] item) {
    return StoreBytes.reader(item, 8, "item").getInt(4);
  }

  /** The chosen index of a stored answer (−1: answered but unreadable). */
  public static int chosenIndex(byte[] answer) {
    return StoreBytes.reader(answer, 4, "answer").getInt();
  }

  /** The keys of a model's stored answers start with this. */
  public static String answerPrefix(String model) {
    return model + '\0';
  }

  static byte[] ints(int first, int second) {
    return ByteBuffer.allocate(8).putInt(first).putInt(second).array();
  }

  static byte[] chosen(int chosen) {
    return ByteBuffer.allocate(4).putInt(chosen).array();
  }

  static String answerKey(String model, String itemKey) {
    return StoreBytes.joined(model, itemKey);
  }

  static String pairKey(AgreementState.PairKey pair) {
    return StoreBytes.joined(pair.a(), pair.b());
  }

  /** A stored answer's key as {model, benchmarkId/itemId} (or a pair key as {modelA, modelB}). */
  public static String[] split(String key) {
    return StoreBytes.split(key, "answer or pair key");
  }

  static byte[] counts(PairCounts counts) {
    return StoreBytes.longs(counts.toArray());
  }

  /** The seven fixed counts, then one per choice count. */
  static PairCounts counts(byte[] bytes) {
    return PairCounts.fromArray(StoreBytes.longs(bytes, 7, "pair counts"));
  }
}
