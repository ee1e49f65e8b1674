package io.modelmap.aggregator.api.body;

import java.util.List;

/**
 * A corpus's map analytics (model-analytics): the effective-dimension curve, the clustering order and
 * the leakage ranking, highest first.
 */
public record AnalyticsBody(String corpusId, int completeModels, List<Double> cumulativeVariance, int dimension90,
    int dimension95, List<String> clusterOrder, List<String> leakageBenchmarks, List<LeakageBody> leakage) {}
