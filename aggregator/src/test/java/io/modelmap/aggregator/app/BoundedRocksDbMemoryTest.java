package io.modelmap.aggregator.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.aggregator.matrix.MatrixStoreBuilders;
import io.modelmap.aggregator.prediction.PredictionStores;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/** The config setter Kafka Streams calls for every store: shared memory for all, fewer merges for the growing two. */
class BoundedRocksDbMemoryTest {
  static {
    RocksDB.loadLibrary();
  }

  @Test
  void everyStoreTakesSmallArenaBlocksAndTheStoresThatOnlyGrowMergeSixteenRunsAtOnce() {
    for (String store : new String[] {MatrixStoreBuilders.scoresStore(), PredictionStores.DISTANCES}) {
      try (Options options = streamsLike()) {
        new BoundedRocksDbMemory().setConfig(store, options, Map.of());
        assertThat(options.level0FileNumCompactionTrigger()).as(store).isEqualTo(16);
        assertThat(options.level0SlowdownWritesTrigger()).as(store).isGreaterThan(16);
        assertThat(options.level0StopWritesTrigger()).as(store).isGreaterThan(options.level0SlowdownWritesTrigger());
        assertThat(options.compactionOptionsUniversal().maxSizeAmplificationPercent()).as(store).isEqualTo(400);
        assertThat(options.arenaBlockSize()).as(store).isEqualTo(256 * 1024);
      }
    }
    try (Options defaults = new Options(); Options options = streamsLike()) {
      new BoundedRocksDbMemory().setConfig("completions-store", options, Map.of());
      assertThat(options.level0FileNumCompactionTrigger()).isEqualTo(defaults.level0FileNumCompactionTrigger());
      assertThat(options.level0StopWritesTrigger()).isEqualTo(defaults.level0StopWritesTrigger());
      assertThat(options.arenaBlockSize()).as("every store's arena blocks").isEqualTo(256 * 1024);
    }
  }

  /** Options as Kafka Streams hands them to the setter: a block-based table. */
  private static Options streamsLike() {
    Options options = new Options();
    options.setTableFormatConfig(new BlockBasedTableConfig());
    return options;
  }
}
