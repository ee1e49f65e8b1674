package io.modelmap.aggregator.api.body;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A model on the map, with what the dashboard colours and labels it by. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MapPointBody(String modelId, double x, double y, String primaryCategory, String family, String modelType,
    Double meanLogLikelihood, Double accuracy) {}
