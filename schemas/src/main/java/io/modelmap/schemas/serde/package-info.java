/**
 * Avro serde byte-compatible with Confluent's wire format: byte 0 is the magic 0, bytes 1–4 the
 * big-endian schema id, then Avro binary; schemas are registered under TopicNameStrategy subjects.
 */
package io.modelmap.schemas.serde;
