package io.modelmap.aggregator.api.body;

/** KL between two complete models (modelmap eq. 3), nats per text and bits per byte. */
public record KlBody(String a, String b, String corpusId, double klNats, double klBitsPerByte) {}
