/** Running services: the embedded default (broker, registry, aggregator, scorer) and waiting for results. */
package io.modelmap.cli.runtime;
