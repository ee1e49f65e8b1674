/** Responses by the scorer: batched, KV-cached greedy or seeded generation on a prompt set. */
package io.modelmap.scorer.generation;
