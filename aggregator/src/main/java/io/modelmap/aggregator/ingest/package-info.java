/**
 * Entry of records into the aggregator: decoding from the wire and validation, with anything that
 * fails sent to the source topic's dead-letter topic instead of stopping the application.
 */
package io.modelmap.aggregator.ingest;
