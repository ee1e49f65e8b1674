/**
 * EmbedLLM in the stream: model embeddings learned from {@code mc-answers} correctness, a router over
 * them, and new models folded in against a frozen training (model-embeddings); questions encoded by
 * all-MiniLM-L6-v2 (once per item, in the background) or hashed TF-IDF; one training more per benchmark without
 * its answers, for leak-free forecasts.
 */
package io.modelmap.aggregator.embedding;
