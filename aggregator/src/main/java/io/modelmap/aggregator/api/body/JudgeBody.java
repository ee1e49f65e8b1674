package io.modelmap.aggregator.api.body;

import java.util.List;

/** The LLM-as-judge table (correlated errors §4) with {@code judge} as the judge. */
public record JudgeBody(String judge, List<JudgeRowBody> models) {}
