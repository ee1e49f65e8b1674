/**
 * EmbedLLM in the stream: model embeddings learned from {@code mc-answers} correctness, a router over
 * them, and new models folded in against a frozen training (model-embeddings).
 */
package io.modelmap.aggregator.embedding;
