package io.modelmap.aggregator.api.body;

import java.util.List;

/** {@code /health}: the Kafka Streams state and the watched parts of the process that have stopped. */
public record HealthBody(String state, List<String> stopped) {}
