/**
 * The aggregator's composition root: {@link io.modelmap.aggregator.app.AggregatorService} (configuration,
 * start and shutdown), {@link io.modelmap.aggregator.app.AggregatorTopology} (assembles every feature's
 * processors into one topology) and {@link io.modelmap.aggregator.app.AggregatorConfig} (the settings, composed
 * of each feature's own settings record); {@link io.modelmap.aggregator.app.ShardedMatrix} assembles the matrix
 * instead when a corpus is spread over several shards ({@code --shards}).
 *
 * <p>May use every other aggregator package; none may use this one.
 */
package io.modelmap.aggregator.app;
