/**
 * The subset of the Confluent Schema Registry REST API the services need: a client that works
 * against Confluent SR, Karapace, Apicurio (ccompat) and Redpanda, and an embedded registry serving
 * the same endpoints, persisted in a compacted Kafka topic.
 */
package io.modelmap.schemas.registry;
