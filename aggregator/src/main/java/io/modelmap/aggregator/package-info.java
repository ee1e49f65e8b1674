/**
 * The aggregator: a Kafka Streams application that keeps every model's log-likelihood row, its
 * row-centred coordinates, the corpus's column means and every model's KL nearest neighbours up
 * to date as scores arrive. {@link io.modelmap.aggregator.AggregatorTopology#build} is the whole
 * topology; {@link io.modelmap.aggregator.AggregatorService} runs it.
 */
package io.modelmap.aggregator;
