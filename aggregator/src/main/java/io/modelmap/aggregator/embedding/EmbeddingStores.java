package io.modelmap.aggregator.embedding;

import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The embeddings' own stores (RocksDB, with changelogs); the answers and gold indices are read from
 * the agreement's {@code mc-items-store} and {@code mc-answers-store}.
 * <ul>
 *   <li>{@value #QUESTIONS}: benchmarkId/itemId → the question and its choices, one per line (UTF-8)
 *   <li>{@value #ROUTER}: {@value #CURRENT} → the current {@link Router} (its bytes), which /api/route reads
 * </ul>
 */
public final class EmbeddingStores {
  public static final String QUESTIONS = "embedding-questions-store";
  public static final String ROUTER = "embedding-router-store";
  public static final String CURRENT = "current";

  private EmbeddingStores() {}

  public static List<StoreBuilder<KeyValueStore<String, byte[]>>> builders() {
    return List.of(store(QUESTIONS), store(ROUTER));
  }

  public static String[] names() {
    return new String[] {QUESTIONS, ROUTER};
  }

  private static StoreBuilder<KeyValueStore<String, byte[]>> store(String name) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray());
  }
}
