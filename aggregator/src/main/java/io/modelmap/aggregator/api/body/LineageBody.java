package io.modelmap.aggregator.api.body;

import java.util.List;

/**
 * A model's nearest models by KL (its neighbour list) and by responses (mean ROUGE-L F1), and the models
 * in both: evidence of lineage that neither view gives alone.
 */
public record LineageBody(String modelId, List<String> klNeighbors, List<String> responseNeighbors,
    List<String> agreeing) {}
