/**
 * Fixtures shared by the test trees (test scope only): {@code hub} (the Hub stand-in and its tiny checkpoint),
 * {@code cluster} (the embedded cluster extension, child aggregators, plain clients) and {@code records} (random
 * and malformed record bytes). Helpers that need the aggregator's internals stay in the aggregator's test tree:
 * this module comes before the aggregator, whose tests use it.
 */
package io.modelmap.testsupport;
