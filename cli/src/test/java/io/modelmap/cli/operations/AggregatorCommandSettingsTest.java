package io.modelmap.cli.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.aggregator.app.AggregatorConfig;
import io.modelmap.aggregator.matrix.MapMethod;
import io.modelmap.kafka.KafkaClientProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code modelmap aggregator}'s options reach the aggregator's typed settings (a parse only: no broker). */
class AggregatorCommandSettingsTest {
  @TempDir
  Path dir;

  private static AggregatorConfig parse(String... args) {
    AggregatorCommand command = new AggregatorCommand();
    new CommandLine(command).parseArgs(args);
    return command.config();
  }

  @Test
  void shouldPassTheStreamsOptionsToTheStreamsSettings() {
    AggregatorConfig config = parse("--commit-interval-ms", "250", "--poll-ms", "12", "--rocksdb-memory-mb", "128",
        "--instance-id", "aggregator-0", "--application-id", "app-1", "--state-dir", dir.toString());
    assertThat(config.streams().commitInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.streams().pollInterval()).isEqualTo(Duration.ofMillis(12));
    assertThat(config.streams().rocksDbMemoryMb()).isEqualTo(128);
    assertThat(config.streams().rocksDbMemoryBytes()).isEqualTo(134_217_728L); // 128 × 1,048,576
    assertThat(config.streams().instanceId()).contains("aggregator-0");
    assertThat(config.streams().applicationId()).isEqualTo("app-1");
    assertThat(config.streams().stateDir()).isEqualTo(dir);
  }

  @Test
  void shouldUseTheDocumentedDefaultsWithoutOptions() {
    AggregatorConfig config = parse();
    assertThat(config.streams().commitInterval()).isEqualTo(Duration.ofMillis(25));
    assertThat(config.streams().pollInterval()).isEqualTo(Duration.ofMillis(10));
    assertThat(config.streams().rocksDbMemoryMb()).isEqualTo(64);
    assertThat(config.streams().instanceId()).isEmpty();
    assertThat(config.streams().applicationId()).isEqualTo("modelmap-aggregator");
    assertThat(config.connection().bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(config.connection().schemaRegistryUrl()).isEqualTo("http://localhost:8081");
    assertThat(config.connection().clientProperties()).isEqualTo(KafkaClientProperties.none());
    assertThat(config.matrix().clippingQuantile()).isEmpty();
    assertThat(config.matrix().mapMethod()).isEqualTo(MapMethod.PCA);
  }

  @Test
  void shouldParkEarlyRecordsForTenMinutesByDefault() {
    assertThat(parse().publishing().pendingTimeout()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void shouldPassThePendingTimeout() {
    assertThat(parse("--pending-timeout", "PT45S").publishing().pendingTimeout()).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void shouldTakeABlankInstanceIdForNone() {
    assertThat(parse("--instance-id", " ").streams().instanceId()).isEmpty();
  }

  @Test
  void shouldPassTheConnectionMapAndTopicOptions() throws Exception {
    Path clientConfig = Files.writeString(dir.resolve("client.properties"),
        "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n");
    AggregatorConfig config = parse("--bootstrap-servers", "kafka-0:9093", "--schema-registry-url", "http://sr:8081",
        "--client-config", clientConfig.toString(), "--clip-quantile", "0.02", "--map-method", "mds-kl",
        "--topic-prefix", "team-a.");
    assertThat(config.connection().bootstrapServers()).isEqualTo("kafka-0:9093");
    assertThat(config.connection().schemaRegistryUrl()).isEqualTo("http://sr:8081");
    assertThat(config.connection().clientProperties()).isEqualTo(KafkaClientProperties.none()
        .with("security.protocol", "SASL_SSL").with("sasl.mechanism", "PLAIN"));
    assertThat(config.matrix().clippingQuantile()).isEqualTo(OptionalDouble.of(0.02));
    assertThat(config.matrix().mapMethod()).isEqualTo(MapMethod.MDS_KL);
    assertThat(config.topics().textScores()).isEqualTo("team-a.text-scores");
  }

  @Test
  void shouldSpreadACorpusOverTheShardsAsked() {
    assertThat(parse().shards()).as("default: a corpus in one task").isEqualTo(1);
    assertThat(parse("--shards", "4").shards()).isEqualTo(4);
    assertThatThrownBy(() -> parse("--shards", "0"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--shards must be at least 1, was 0");
    assertThatThrownBy(() -> parse("--shards", "2", "--clip-quantile", "0.02"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--clip-quantile needs every model of a corpus in one task: use --shards 1");
  }

  @Test
  void shouldRefuseABadValueNamingItsOption() {
    assertThatThrownBy(() -> parse("--commit-interval-ms", "0"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--commit-interval-ms must be positive, was 0");
    assertThatThrownBy(() -> parse("--rocksdb-memory-mb", "0"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--rocksdb-memory-mb must be at least 1, was 0");
    assertThatThrownBy(() -> parse("--clip-quantile", "0.5"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--clip-quantile must lie in (0, 0.5), was 0.5");
  }
}
