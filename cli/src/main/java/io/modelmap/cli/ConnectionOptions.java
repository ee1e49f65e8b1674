package io.modelmap.cli;

import io.modelmap.producer.kafka.ConnectionConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where to find the system, or {@code --embedded} to start the embedded default for this command. */
public final class ConnectionOptions {
  @Option(names = "--bootstrap-servers", defaultValue = "${env:MODELMAP_BOOTSTRAP_SERVERS:-localhost:9092}",
      description = "Kafka bootstrap servers (env MODELMAP_BOOTSTRAP_SERVERS; default ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(names = "--schema-registry-url", defaultValue = "${env:MODELMAP_SCHEMA_REGISTRY_URL:-http://localhost:8081}",
      description = "Confluent-compatible schema registry (env MODELMAP_SCHEMA_REGISTRY_URL; default ${DEFAULT-VALUE}).")
  String schemaRegistryUrl;

  @Option(names = "--embedded", description = "Start the embedded default (broker, registry, aggregator) on a fresh data folder for this command.")
  boolean embedded;

  @Option(names = "--data-dir", description = "Data folder of the embedded default (default: a fresh folder under .modelmap/).")
  Path dataDir;

  ConnectionConfig external() {
    return ConnectionConfig.of(bootstrapServers, schemaRegistryUrl);
  }
}
