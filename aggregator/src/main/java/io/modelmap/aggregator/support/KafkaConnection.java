package io.modelmap.aggregator.support;

import java.util.Objects;

/**
 * Where the aggregator's Kafka cluster and schema registry are, and the client settings every client
 * of the aggregator (Streams, admin, producers, consumers) gets.
 *
 * @param bootstrapServers Kafka bootstrap servers ({@code --bootstrap-servers})
 * @param schemaRegistryUrl base URL of a Confluent-compatible schema registry ({@code --schema-registry-url})
 * @param clientProperties extra client settings, for example security settings ({@code --client-config})
 */
public record KafkaConnection(String bootstrapServers, String schemaRegistryUrl,
    KafkaClientProperties clientProperties) {

  public KafkaConnection {
    Objects.requireNonNull(clientProperties, "clientProperties");
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("--bootstrap-servers must name at least one host:port");
    }
    if (schemaRegistryUrl == null || schemaRegistryUrl.isBlank()) {
      throw new IllegalArgumentException("--schema-registry-url must be a URL");
    }
  }

  /** A connection without extra client settings. */
  public static KafkaConnection of(String bootstrapServers, String schemaRegistryUrl) {
    return new KafkaConnection(bootstrapServers, schemaRegistryUrl, KafkaClientProperties.none());
  }
}
