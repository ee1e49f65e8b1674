package io.modelmap.aggregator.matrix;

import java.util.List;
import org.apache.kafka.streams.state.StoreBuilder;

/** The matrix stores, for wiring them into a topology. */
public final class MatrixStoreBuilders {
  private MatrixStoreBuilders() {}

  public static List<StoreBuilder<?>> all() {
    return MatrixStores.builders();
  }

  /** The store that only grows, one entry per text-scores record (its RocksDB compaction is tuned for that). */
  public static String scoresStore() {
    return MatrixStores.SCORES;
  }

  public static String[] names() {
    return new String[] {MatrixStores.TEXTS, MatrixStores.SCORES, MatrixStores.PENDING, MatrixStores.COMPLETIONS,
        MatrixStores.REGISTERED};
  }
}
