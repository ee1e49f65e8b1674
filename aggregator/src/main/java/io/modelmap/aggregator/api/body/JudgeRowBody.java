package io.modelmap.aggregator.api.body;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One model judged: accuracy with the judge's answers as truth, true accuracy, their difference, over {@code items}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JudgeRowBody(String modelId, long items, Double trueAccuracy, Double judgedAccuracy, Double inflation) {}
