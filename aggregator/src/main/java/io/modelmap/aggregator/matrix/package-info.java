/**
 * The shared matrix state of one corpus: rows of L as scores arrive, their completion, the column
 * means of ξ, and the neighbour lists, kept incrementally (O(K·N) per completed row) and persisted in
 * RocksDB stores.
 */
package io.modelmap.aggregator.matrix;
