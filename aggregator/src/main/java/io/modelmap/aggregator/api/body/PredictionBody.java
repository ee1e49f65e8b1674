package io.modelmap.aggregator.api.body;

/**
 * One benchmark's prediction of a model: from the fit on every observed model, and, for an observed
 * model, out of fold (its family held out).
 */
public record PredictionBody(String benchmarkId, String method, double predicted, Double observed, Double outOfFold,
    int trainingModels) {}
