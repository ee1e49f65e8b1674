package io.modelmap.aggregator.api.body;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An agreement partner: agreement when both are wrong, over {@code bothWrong} items, and its random baseline. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartnerBody(String modelId, Double rateBothWrong, long bothWrong, Double baselineBothWrong) {}
