package io.modelmap.aggregator.api.body;

/** A model on one benchmark: predicted, and where observed, the observed and out-of-fold values. */
public record BenchmarkPointBody(String modelId, String method, double predicted, Double observed, Double outOfFold) {}
