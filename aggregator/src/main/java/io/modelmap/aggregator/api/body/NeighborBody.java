package io.modelmap.aggregator.api.body;

/** One nearest neighbour: KL in nats per text and bits per byte, over {@code overlap} shared texts. */
public record NeighborBody(String modelId, double klNats, double klBitsPerByte, int overlap) {}
