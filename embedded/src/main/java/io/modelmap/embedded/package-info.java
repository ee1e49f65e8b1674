/** The embedded default's infrastructure: a real single-node Apache Kafka broker (KRaft) on loopback. */
package io.modelmap.embedded;
