/**
 * Topic names, their serdes and their creation with the cleanup policies of the design; the dead letters
 * every service writes and the reasons they carry. Touches only the Avro records and Kafka clients.
 */
package io.modelmap.schemas.topic;
