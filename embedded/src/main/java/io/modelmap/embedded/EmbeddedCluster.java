package io.modelmap.embedded;

import io.modelmap.schemas.registry.EmbeddedSchemaRegistry;
import io.modelmap.schemas.topic.TopicNames;
import io.modelmap.schemas.topic.TopicProvisioner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The embedded default's infrastructure: broker, schema registry (stored in the {@code _schemas}
 * topic) and the system's topics, under one data folder.
 */
public final class EmbeddedCluster implements AutoCloseable {
  private final EmbeddedKafkaBroker broker;
  private final EmbeddedSchemaRegistry registry;

  private EmbeddedCluster(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry) {
    this.broker = broker;
    this.registry = registry;
  }

  /** Starts everything under {@code dataDir}: {@code kafka/} holds the broker's log. */
  public static EmbeddedCluster start(Path dataDir, TopicNames topics) throws IOException {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"));
    try {
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        new TopicProvisioner(admin).createMissing(topics, 1, (short) 1);
      }
      return new EmbeddedCluster(broker, EmbeddedSchemaRegistry.start(broker.bootstrapServers(), "_schemas", 0));
    } catch (IOException | RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public String schemaRegistryUrl() {
    return registry.url();
  }

  @Override
  public void close() {
    registry.close();
    broker.close();
  }
}
