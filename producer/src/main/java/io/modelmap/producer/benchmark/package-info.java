/**
 * Multiple-choice benchmarks: items and answers (read by {@code io.modelmap.formats.benchmark})
 * published to {@code mc-items} / {@code mc-answers}, benchmark results to {@code benchmark-scores},
 * and the built-in demo benchmarks.
 */
package io.modelmap.producer.benchmark;
