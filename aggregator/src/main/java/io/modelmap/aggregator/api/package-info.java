/**
 * The query API and dashboard the aggregator serves: views of its output topics kept in Kafka Streams
 * stores (interactive queries, routed to the instance that owns a key), a server-sent-events stream
 * of updates, an OpenAPI description, and a static dashboard page.
 *
 * <p>Typed from store to JSON: {@link io.modelmap.aggregator.api.ViewQueries} reads each {@code View} as its
 * Avro record (from this instance's store, or another's through {@code ViewWire}); the answers
 * ({@code ModelCatalog}, {@code Analyses}, {@code PredictionAnswers}, {@code LineageAnswers},
 * {@code RouteAnswers}, {@code HubDecisionAnswers}) read only the {@code ViewReader} interface and build the records of {@code body}
 * ({@code BodyMapping}), which Jackson writes. May touch: the schemas' records and topics, the math
 * module, the ingest validators (for the refusing view), the embeddings' stores and the http module.
 */
package io.modelmap.aggregator.api;
