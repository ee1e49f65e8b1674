package io.modelmap.aggregator.matrix;

import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.state.StoreBuilder;

/** The matrix stores, for wiring them into a topology. */
public final class MatrixStoreBuilders {
  private MatrixStoreBuilders() {}

  /** @param parkedScores decodes the text-scores records the pending store holds (checked on restore) */
  public static List<StoreBuilder<?>> all(Deserializer<?> parkedScores) {
    return MatrixStores.builders(parkedScores);
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
