package io.modelmap.producer.kafka;

import io.modelmap.schemas.registry.RestSchemaRegistryClient;
import io.modelmap.schemas.registry.SchemaRegistryClient;
import io.modelmap.schemas.topic.TopicNames;
import io.modelmap.schemas.topic.Topics;
import java.util.Map;
import java.util.Objects;

/**
 * Where the system lives: Kafka bootstrap servers, a Confluent-compatible schema registry, topic
 * names, and extra client settings (security, for example) passed to every Kafka client.
 */
public record ConnectionConfig(String bootstrapServers, String schemaRegistryUrl, TopicNames topicNames,
    Map<String, Object> clientOverrides) {

  public ConnectionConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
    Objects.requireNonNull(topicNames, "topicNames");
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrap servers must not be empty");
    }
    if (!schemaRegistryUrl.startsWith("http://") && !schemaRegistryUrl.startsWith("https://")) {
      throw new IllegalArgumentException("schema registry URL must be http(s)://..., was '" + schemaRegistryUrl + "'");
    }
    clientOverrides = Map.copyOf(clientOverrides);
  }

  public static ConnectionConfig of(String bootstrapServers, String schemaRegistryUrl) {
    return new ConnectionConfig(bootstrapServers, schemaRegistryUrl, TopicNames.defaults(), Map.of());
  }

  public SchemaRegistryClient registryClient() {
    return new RestSchemaRegistryClient(schemaRegistryUrl);
  }

  public Topics topics() {
    return new Topics(topicNames, registryClient());
  }
}
