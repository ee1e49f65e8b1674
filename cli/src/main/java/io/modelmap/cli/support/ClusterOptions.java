package io.modelmap.cli.support;

import io.modelmap.kafka.KafkaClientProperties;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.schemas.topic.TopicNames;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Option;

/** Where to find a running system: Kafka, the schema registry, client security settings and the topic prefix. */
public final class ClusterOptions {
  @Option(names = "--bootstrap-servers", defaultValue = "${env:MODELMAP_BOOTSTRAP_SERVERS:-localhost:9092}",
      description = "Kafka bootstrap servers (env MODELMAP_BOOTSTRAP_SERVERS; default ${DEFAULT-VALUE}).")
  public String bootstrapServers;

  @Option(names = "--schema-registry-url", defaultValue = "${env:MODELMAP_SCHEMA_REGISTRY_URL:-http://localhost:8081}",
      description = "Confluent-compatible schema registry (env MODELMAP_SCHEMA_REGISTRY_URL; default ${DEFAULT-VALUE}).")
  public String schemaRegistryUrl;

  @Option(names = "--client-config", defaultValue = "${env:MODELMAP_CLIENT_CONFIG}",
      description = "A properties file of extra Kafka client settings (security.protocol, sasl.*, ssl.*), passed to"
          + " every client; keep secrets in it, not on the command line (env MODELMAP_CLIENT_CONFIG).")
  Path clientConfig;

  @Option(names = "--topic-prefix", defaultValue = "${env:MODELMAP_TOPIC_PREFIX:-}",
      description = "Prefix of every topic name, for shared clusters and prefixed ACLs (env MODELMAP_TOPIC_PREFIX).")
  String topicPrefix;

  /** The connection the options describe (validated: a bad value throws, naming its option). */
  public KafkaConnection external() {
    return new KafkaConnection(bootstrapServers, schemaRegistryUrl, topicNames(), clientProperties());
  }

  public TopicNames topicNames() {
    return TopicNames.withPrefix(topicPrefix == null ? "" : topicPrefix);
  }

  /** The settings of {@code --client-config}, or none. */
  public KafkaClientProperties clientProperties() {
    return KafkaClientProperties.of(clientConfigFile());
  }

  private Properties clientConfigFile() {
    Properties properties = new Properties();
    if (clientConfig == null) {
      return properties;
    }
    try (Reader in = Files.newBufferedReader(clientConfig, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read --client-config " + clientConfig + ": " + e.getMessage(), e);
    }
    return properties;
  }
}
