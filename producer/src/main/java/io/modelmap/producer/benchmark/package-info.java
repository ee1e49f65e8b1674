/**
 * Multiple-choice benchmarks: items read from lm-evaluation-harness style JSONL or CSV, answers
 * imported from a model × item table, and both published to {@code mc-items} / {@code mc-answers}.
 */
package io.modelmap.producer.benchmark;
