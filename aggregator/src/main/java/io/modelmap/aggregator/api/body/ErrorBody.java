package io.modelmap.aggregator.api.body;

/** Every error answer: what went wrong and what to do. */
public record ErrorBody(String error) {}
