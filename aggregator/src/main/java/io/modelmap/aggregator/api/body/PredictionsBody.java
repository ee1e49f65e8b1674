package io.modelmap.aggregator.api.body;

import java.util.List;

/** A complete model's predicted benchmark scores (score-predictions), from a corpus's map of complete models. */
public record PredictionsBody(String modelId, String corpusId, int completeModels, List<PredictionBody> predictions) {}
