package io.modelmap.aggregator.api.body;

import java.util.List;

/** A model's EmbedLLM embedding (model-embeddings) and how well it predicts the model's own answers. */
public record EmbeddingBody(String modelId, List<Double> vector, int trainingVersion, String method, int questions,
    double trainingAccuracy, Double heldOutAccuracy, long updatedAtMs) {}
