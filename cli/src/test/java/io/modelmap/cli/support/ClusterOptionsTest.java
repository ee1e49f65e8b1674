package io.modelmap.cli.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.modelmap.kafka.KafkaClientProperties;
import io.modelmap.kafka.KafkaConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@link ClusterOptions}, shared by every command that talks to a cluster, become one {@link KafkaConnection}. */
class ClusterOptionsTest {
  @TempDir
  Path dir;

  private static ClusterOptions parse(String... args) {
    ClusterOptions options = new ClusterOptions();
    new CommandLine(options).parseArgs(args);
    return options;
  }

  @Test
  void shouldConnectWhereTheOptionsSay() throws Exception {
    Path clientConfig = Files.writeString(dir.resolve("client.properties"), "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n");

    KafkaConnection connection = parse("--bootstrap-servers", "kafka:9093", "--schema-registry-url", "http://registry:8081",
        "--client-config", clientConfig.toString(), "--topic-prefix", "team-a.").external();

    assertThat(connection.bootstrapServers()).isEqualTo("kafka:9093");
    assertThat(connection.schemaRegistryUrl()).isEqualTo("http://registry:8081");
    Properties clientSettings = new Properties();
    connection.clientProperties().copyInto(clientSettings);
    assertThat(clientSettings).containsExactlyInAnyOrderEntriesOf(
        Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN"));
    assertThat(connection.topicNames().scoreTasks()).isEqualTo("team-a.score-tasks");
    assertThat(connection.topicNames().corpusTexts()).isEqualTo("team-a.corpus-texts");
  }

  @Test
  void shouldUseTheLocalDefaultsWithoutOptionsOrEnvironment() {
    assumeTrue(System.getenv("MODELMAP_BOOTSTRAP_SERVERS") == null && System.getenv("MODELMAP_SCHEMA_REGISTRY_URL") == null
        && System.getenv("MODELMAP_CLIENT_CONFIG") == null && System.getenv("MODELMAP_TOPIC_PREFIX") == null,
        "a MODELMAP_* connection variable is set here");

    KafkaConnection connection = parse().external();

    assertThat(connection.bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(connection.schemaRegistryUrl()).isEqualTo("http://localhost:8081");
    assertThat(connection.clientProperties()).isEqualTo(KafkaClientProperties.none());
    assertThat(connection.topicNames().scoreTasks()).isEqualTo("score-tasks");
  }
}
