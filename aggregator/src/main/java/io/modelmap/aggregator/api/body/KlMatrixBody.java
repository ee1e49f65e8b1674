package io.modelmap.aggregator.api.body;

import java.util.List;

/**
 * KL in bits per byte between models of a corpus, rows and columns in clustering order; at most the
 * requested number of models, taken evenly along that order when there are more.
 */
public record KlMatrixBody(String corpusId, int completeModels, List<String> models, List<List<Double>> klBitsPerByte) {}
