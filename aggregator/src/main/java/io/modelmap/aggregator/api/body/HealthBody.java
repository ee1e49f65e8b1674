package io.modelmap.aggregator.api.body;

/** {@code /health}: the Kafka Streams state. */
public record HealthBody(String state) {}
