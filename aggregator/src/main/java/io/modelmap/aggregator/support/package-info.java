/**
 * Shared mechanisms the feature packages use: background jobs and their CPU budget, reading a whole store,
 * bounded RocksDB memory and compaction, stream-thread failure handling, task sensors and the Prometheus
 * metrics over them, and the settings every processor shares (the Kafka connection is the kafka module's).
 *
 * <p>Uses no other aggregator package: features depend on it, never the other way round.
 */
package io.modelmap.aggregator.support;
