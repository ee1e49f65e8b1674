/**
 * Commands for whoever runs the services: {@code aggregator} (with its {@link
 * io.modelmap.cli.operations.PredictionOptions}), {@code scorer}, {@code engine}, {@code topics},
 * {@code register}, {@code health} and {@code clean} (old run folders under {@code .modelmap/}). May touch the
 * aggregator, the scorer worker, the producer, the HTTP module, {@code support}, {@code hub}, {@code runtime},
 * {@code logging} and {@code terminal}; no other command package.
 */
package io.modelmap.cli.operations;
