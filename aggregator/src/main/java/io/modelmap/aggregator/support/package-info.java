/**
 * Shared mechanisms the feature packages use: background jobs and their CPU budget, reading a whole store,
 * bounded RocksDB memory and compaction, stream-thread failure handling, task sensors and the Prometheus
 * metrics over them, the Kafka connection and client properties, and the settings every processor shares.
 *
 * <p>Uses no other aggregator package: features depend on it, never the other way round.
 */
package io.modelmap.aggregator.support;
