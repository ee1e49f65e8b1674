/**
 * Benchmark files read into Avro records: multiple-choice items (lm-evaluation-harness JSONL, CSV),
 * answer tables, benchmark results, benchmark task factors and the CPP paper's tables. Touches
 * {@code csv}, {@code corpus} (to open compressed files), the Avro records and {@code math}'s CPP
 * values; never Kafka.
 */
package io.modelmap.formats.benchmark;
