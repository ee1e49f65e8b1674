/**
 * A real cluster for integration tests: the embedded broker and schema registry as a JUnit extension
 * ({@link io.modelmap.testsupport.cluster.EmbeddedClusterExtension}), aggregators in child JVMs on it
 * ({@link io.modelmap.testsupport.cluster.ChildAggregators}), plain Kafka clients
 * ({@link io.modelmap.testsupport.cluster.KafkaClients}) and free ports
 * ({@link io.modelmap.testsupport.cluster.FreePorts}).
 */
package io.modelmap.testsupport.cluster;
