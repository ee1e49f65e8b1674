package io.modelmap.aggregator.matrix;

import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** The matrix stores, for wiring them into a topology. */
public final class MatrixStoreBuilders {
  private MatrixStoreBuilders() {}

  /** @param parkedScores decodes the text-scores records the pending store holds (checked on restore) */
  public static List<StoreBuilder<?>> all(Deserializer<?> parkedScores) {
    return MatrixStores.builders(parkedScores);
  }

  /** With {@code --shards} above 1: the matrix's stores and the shard's neighbour lists. */
  public static List<StoreBuilder<?>> sharded(Deserializer<?> parkedScores) {
    List<StoreBuilder<?>> builders = new java.util.ArrayList<>(MatrixStores.builders(parkedScores));
    builders.add(Stores.keyValueStoreBuilder(MatrixStores.supplier(MatrixStores.SHARD_NEIGHBORS), Serdes.String(),
        Serdes.ByteArray()));
    return builders;
  }

  /** The names of {@link #sharded}'s stores. */
  public static String[] shardedNames() {
    String[] all = java.util.Arrays.copyOf(names(), names().length + 1);
    all[all.length - 1] = MatrixStores.SHARD_NEIGHBORS;
    return all;
  }

  /** The corpus-keyed store of every shard's frame contribution. */
  public static StoreBuilder<?> shardFrames() {
    return Stores.keyValueStoreBuilder(MatrixStores.supplier(MatrixStores.SHARD_FRAMES), Serdes.String(),
        Serdes.ByteArray());
  }

  public static String shardFramesName() {
    return MatrixStores.SHARD_FRAMES;
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
