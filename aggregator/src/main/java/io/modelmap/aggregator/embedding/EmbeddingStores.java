package io.modelmap.aggregator.embedding;

import io.modelmap.aggregator.restore.GuardedStores;
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
 *   <li>{@value #ROUTER}: {@value #CURRENT} → the current {@link Router} (its bytes), which /api/route reads;
 *   {@value #LEFT_OUT_PREFIX}benchmarkId → the router of the same training without that benchmark's answers
 * </ul>
 *
 * <p>The router store restores only routers that {@link Router#fromBytes} reads ({@link GuardedStores}); any
 * bytes are a question's text, so the questions' store needs no check.
 */
public final class EmbeddingStores {
  public static final String QUESTIONS = "embedding-questions-store";
  public static final String ROUTER = "embedding-router-store";
  public static final String CURRENT = "current";
  static final String LEFT_OUT_PREFIX = "without/";

  /** The restore check of the router store: the reader the processor and /api/route use. */
  static final Deserializer<Router> ROUTER_VALUES = (topic, value) -> Router.fromBytes(value);

  private EmbeddingStores() {}

  public static List<StoreBuilder<KeyValueStore<String, byte[]>>> builders() {
    return List.of(Stores.keyValueStoreBuilder(supplier(QUESTIONS), Serdes.String(), Serdes.ByteArray()),
        Stores.keyValueStoreBuilder(supplier(ROUTER), Serdes.String(), Serdes.ByteArray()));
  }

  /** The RocksDB store {@code name}; the router's restores only routers that read. */
  static KeyValueBytesStoreSupplier supplier(String name) {
    return switch (name) {
      case QUESTIONS -> Stores.persistentKeyValueStore(QUESTIONS);
      case ROUTER -> GuardedStores.plain(ROUTER, ROUTER_VALUES);
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
    return new String[] {QUESTIONS, ROUTER};
  }
}
