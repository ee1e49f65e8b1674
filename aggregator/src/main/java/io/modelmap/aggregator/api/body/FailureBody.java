package io.modelmap.aggregator.api.body;

/** Why the workers gave up on a model: the dead-letter reason and its message. */
public record FailureBody(String reason, String message) {}
