package io.modelmap.aggregator.api.body;

import java.util.List;

/** One benchmark: its prediction quality per method and every predicted model, observed ones with both values. */
public record BenchmarkBody(String benchmarkId, List<QualityBody> quality, List<BenchmarkPointBody> models) {}
