package io.modelmap.aggregator.support;

import org.rocksdb.CompactionOptionsUniversal;
import org.rocksdb.Options;

/**
 * Compaction for stores that only grow, each key written once (which ones: {@code BoundedRocksDbMemory}):
 * the scores (every text-scores record's accepted scores, 1.2 GB at 10,000 × 10,000) and prediction's distances (each completion's KL
 * row, 1.8 GB). Kafka Streams compacts universally and merges once four sorted runs exist, which
 * rewrites each byte about log₂(size / flush) times: at 10,000 models RocksDB took half a core of a
 * two-core machine. Nothing in these stores is ever overwritten, so extra runs waste no space; they are
 * merged sixteen at a time, and a full compaction waits until the newer runs hold four times the oldest.
 * Reads are a restore's one scan (scores) or point reads of rare keys (distances).
 */
public final class AppendOnlyCompaction {
  private static final int RUNS_BEFORE_MERGE = 16;
  private static final int SIZE_AMPLIFICATION_PERCENT = 400;

  private AppendOnlyCompaction() {}

  /** Sets {@code options} for a store whose keys are each written once. */
  public static void apply(Options options) {
    options.setLevel0FileNumCompactionTrigger(RUNS_BEFORE_MERGE);
    options.setLevel0SlowdownWritesTrigger(3 * RUNS_BEFORE_MERGE);
    options.setLevel0StopWritesTrigger(4 * RUNS_BEFORE_MERGE);
    CompactionOptionsUniversal universal = new CompactionOptionsUniversal(); // RocksDB copies it into the options
    universal.setMaxSizeAmplificationPercent(SIZE_AMPLIFICATION_PERCENT);
    options.setCompactionOptionsUniversal(universal);
  }
}
