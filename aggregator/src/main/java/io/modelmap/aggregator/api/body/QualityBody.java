package io.modelmap.aggregator.api.body;

/** How well a method predicts a benchmark (prediction-quality): out-of-fold r and ρ over grouped folds (absent when undefined: constant predictions). */
public record QualityBody(String benchmarkId, String method, String corpusId, int models, int folds, String grouping,
    Double pearsonR, Double spearmanRho, double alpha) {}
