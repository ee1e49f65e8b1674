package io.modelmap.aggregator.app;

import io.modelmap.aggregator.matrix.MatrixStoreBuilders;
import io.modelmap.aggregator.prediction.PredictionStores;
import io.modelmap.aggregator.support.AppendOnlyCompaction;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Caps the off-heap memory of every RocksDB store of the process together: one shared block cache,
 * with memtables, index and filter blocks charged to it. Without this each store takes its own
 * memtables and cache (tens of MB per store), which a container's memory limit does not see coming.
 * The total is {@value #TOTAL_BYTES_CONFIG} (default 64 MiB), half of it for memtables.
 *
 * <p>Each memtable that holds data takes whole arena blocks, by default an eighth of its 16 MiB write
 * buffer. A dozen active stores at 2 MiB each overran a 16 MiB memtable budget, so every write flushed
 * its store: at 10,000 models the scores store flushed a dozen files of about 75 KB a second and RocksDB
 * compacted them on half a core. Arena blocks of {@value #ARENA_BLOCK_BYTES} bytes keep the budget for data.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {
  public static final String TOTAL_BYTES_CONFIG = "modelmap.rocksdb.total.memory.bytes";
  static final long DEFAULT_TOTAL_BYTES = 64L * 1024 * 1024;
  static final long ARENA_BLOCK_BYTES = 256L * 1024;
  /** The stores whose keys are each written once, compacted as {@link AppendOnlyCompaction} says. */
  static final Set<String> APPEND_ONLY_STORES = Set.of(MatrixStoreBuilders.scoresStore(), PredictionStores.DISTANCES,
      PredictionStores.ROWS);

  private static Cache cache;
  private static WriteBufferManager writeBufferManager;

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    shareAcrossStores(configs.get(TOTAL_BYTES_CONFIG));
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(cache);
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(writeBufferManager);
    options.setArenaBlockSize(ARENA_BLOCK_BYTES);
    options.setTableFormatConfig(table);
    if (APPEND_ONLY_STORES.contains(storeName)) {
      AppendOnlyCompaction.apply(options);
    }
  }

  private static synchronized void shareAcrossStores(Object configured) {
    if (cache == null) {
      long total = configured == null ? DEFAULT_TOTAL_BYTES : Long.parseLong(configured.toString());
      cache = new LRUCache(total, -1, false, 0.1);
      writeBufferManager = new WriteBufferManager(total / 2, cache);
    }
  }

  @Override
  public void close(String storeName, Options options) {
    // the cache and write buffer manager are shared by every store of the process: never closed per store
  }
}
