/**
 * The query API and dashboard the aggregator serves: views of its output topics kept in Kafka Streams
 * stores (interactive queries, routed to the instance that owns a key), a server-sent-events stream
 * of updates, an OpenAPI description, and a static dashboard page.
 */
package io.modelmap.aggregator.api;
