package io.modelmap.aggregator.api.body;

/**
 * How well a method predicts a benchmark (prediction-quality): out-of-fold r and ρ (absent when undefined:
 * constant predictions), and for cpp the out-of-fold mean squared error.
 */
public record QualityBody(String benchmarkId, String method, String corpusId, int models, int folds, String grouping,
    Double pearsonR, Double spearmanRho, double alpha, Double meanSquaredError) {}
