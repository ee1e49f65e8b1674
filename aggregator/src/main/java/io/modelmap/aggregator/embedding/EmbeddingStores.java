package io.modelmap.aggregator.embedding;

import io.modelmap.aggregator.restore.GuardedStores;
import io.modelmap.aggregator.support.StoreBytes;
import io.modelmap.math.embed.SparseVector;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The embeddings' own stores (RocksDB, with changelogs); the answers and gold indices are read from
 * the agreement's {@code mc-items-store} and {@code mc-answers-store}.
 * <ul>
 *   <li>{@value #QUESTIONS}: benchmarkId/itemId → the question and its choices, one per line (UTF-8)
 *   <li>{@value #ENCODED}: benchmarkId/itemId → the question's all-MiniLM-L6-v2 encoding (384 big-endian floats),
 *   computed once per item in the background (only with {@link QuestionEncoding#MINILM})
 *   <li>{@value #ROUTER}: {@value #CURRENT} → the current {@link Router} (its bytes), which /api/route reads;
 *   {@value #LEFT_OUT_PREFIX}benchmarkId → the router of the same training without that benchmark's answers
 * </ul>
 *
 * <p>The router store restores only routers that {@link Router#fromBytes} reads ({@link GuardedStores}); any
 * bytes are a question's text, so the questions' store needs no check; the encodings' restores whole floats only.
 */
public final class EmbeddingStores {
  public static final String QUESTIONS = "embedding-questions-store";
  public static final String ROUTER = "embedding-router-store";
  public static final String ENCODED = "embedding-encoded-store";
  public static final String CURRENT = "current";
  static final String LEFT_OUT_PREFIX = "without/";

  /** The restore check of the router store: the reader the processor and /api/route use. */
  static final Deserializer<Router> ROUTER_VALUES = (topic, value) -> Router.fromBytes(value);
  static final Deserializer<SparseVector> ENCODED_VALUES = (topic, value) -> encoding(value);

  private EmbeddingStores() {}

  public static List<StoreBuilder<KeyValueStore<String, byte[]>>> builders() {
    return List.of(Stores.keyValueStoreBuilder(supplier(QUESTIONS), Serdes.String(), Serdes.ByteArray()),
        Stores.keyValueStoreBuilder(supplier(ROUTER), Serdes.String(), Serdes.ByteArray()),
        Stores.keyValueStoreBuilder(supplier(ENCODED), Serdes.String(), Serdes.ByteArray()));
  }

  /** The RocksDB store {@code name}; the router's restores only routers that read. */
  static KeyValueBytesStoreSupplier supplier(String name) {
    return switch (name) {
      case QUESTIONS -> Stores.persistentKeyValueStore(QUESTIONS);
      case ROUTER -> GuardedStores.plain(ROUTER, ROUTER_VALUES);
      case ENCODED -> GuardedStores.plain(ENCODED, ENCODED_VALUES);
      default -> throw new IllegalArgumentException("no embedding store " + name);
    };
  }

  /** The router store's key of the training without {@code benchmark}'s answers. */
  public static String leftOutKey(String benchmark) {
    return LEFT_OUT_PREFIX + benchmark;
  }

  /** The benchmark a router store key left out, if it is such a key. */
  static java.util.Optional<String> leftOutBenchmark(String key) {
    return key.startsWith(LEFT_OUT_PREFIX) ? java.util.Optional.of(key.substring(LEFT_OUT_PREFIX.length()))
        : java.util.Optional.empty();
  }

  public static String[] names() {
    return new String[] {QUESTIONS, ROUTER, ENCODED};
  }

  /** A dense encoding's values as big-endian floats. */
  static byte[] encoding(SparseVector dense) {
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(dense.values().length * Float.BYTES);
    for (float v : dense.values()) {
      buffer.putFloat(v);
    }
    return buffer.array();
  }

  /** The dense encoding {@link #encoding(SparseVector)} stored; refused unless whole floats, at least one. */
  static SparseVector encoding(byte[] stored) {
    StoreBytes.requireWhole(stored, Float.BYTES, "question encoding");
    java.nio.ByteBuffer buffer = StoreBytes.reader(stored, Float.BYTES, "question encoding");
    float[] values = new float[stored.length / Float.BYTES];
    int[] indices = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      indices[i] = i;
      values[i] = buffer.getFloat();
    }
    return new SparseVector(indices, values);
  }
}
