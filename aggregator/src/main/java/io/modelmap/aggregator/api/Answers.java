package io.modelmap.aggregator.api;

import io.modelmap.aggregator.support.AggregatorMetrics;

/** What the routes read once Kafka Streams has started: the answers over the views, and the metrics. */
record Answers(ModelCatalog catalog, Analyses analyses, PredictionAnswers predictions, RouteAnswers routes,
    LineageAnswers lineage, HubDecisionAnswers hubDecisions, AggregatorMetrics metrics) {}
