/**
 * Benchmark prediction from the map (modelmap §5): ridge from Q in its dual form on the K×K distances
 * the matrix sends at each completion (one shard), or, with a corpus over several shards, on the complete
 * models' ξ rows in the form RidgeSolver picks, refitted on a debounce when scores or observed models arrive;
 * collaborative prediction (cpp) and embedding forecasts, each benchmark's from embeddings trained without its
 * answers.
 */
package io.modelmap.aggregator.prediction;
