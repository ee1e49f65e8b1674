/**
 * The imported map: {@code L.csv} (log-likelihoods, model × text), {@code texts.csv} and
 * {@code models.csv} (model metadata), read into plain values. Touches {@code csv} and the Avro
 * records; the CLI publishes what it reads.
 */
package io.modelmap.formats.matrix;
