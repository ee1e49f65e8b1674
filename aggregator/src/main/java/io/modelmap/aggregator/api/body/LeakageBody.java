package io.modelmap.aggregator.api.body;

/** A model's leakage indicator (modelmap §4.2): z(mean log-likelihood) − z(benchmark standing). */
public record LeakageBody(String modelId, double leakage, double meanLogLikelihood, double benchmarkStanding) {}
