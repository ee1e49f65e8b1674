/**
 * The shared matrix state of one corpus: rows of L as scores arrive, their completion, the column
 * means of ξ, and the neighbour lists, kept incrementally (O(K·N) per completed row) and persisted in
 * RocksDB stores. With S &gt; 1 shards a task holds one shard of a corpus: its models' rows and lists, the
 * other shards' rows reaching it through the exchange ({@link io.modelmap.aggregator.matrix.ShardExchanges}),
 * the frame summed by {@link io.modelmap.aggregator.matrix.ShardFrameProcessor}; a loop record that breaks a
 * rule ({@link io.modelmap.aggregator.matrix.ShardExchangeValidator}) or contradicts its shard is dead-lettered.
 */
package io.modelmap.aggregator.matrix;
