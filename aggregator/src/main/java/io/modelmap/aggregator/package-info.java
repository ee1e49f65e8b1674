/**
 * The aggregator: a Kafka Streams application that keeps every model's log-likelihood row, its
 * row-centred coordinates, the corpus's column means and every model's KL nearest neighbours up
 * to date as scores arrive. {@link io.modelmap.aggregator.app.AggregatorTopology#build} is the whole
 * topology; {@link io.modelmap.aggregator.app.AggregatorService} runs it.
 *
 * <p>The rooms, each allowed to use only those below it (checked by {@code PackageCyclesTest}):
 * <ul>
 *   <li>{@code app}: composition root (service, topology assembly, settings);</li>
 *   <li>{@code api}: the query API and dashboard over the view stores;</li>
 *   <li>features: {@code prediction}, {@code embedding}, {@code agreement}, {@code matrix},
 *       {@code responses}, {@code ingest} (decode and validate), {@code restore} (guarded restores);</li>
 *   <li>{@code support}: shared mechanisms that know no feature.</li>
 * </ul>
 * This package itself holds no class.
 */
package io.modelmap.aggregator;
