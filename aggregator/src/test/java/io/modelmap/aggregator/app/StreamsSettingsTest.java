package io.modelmap.aggregator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.kafka.KafkaClientProperties;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.schemas.registry.InMemorySchemaRegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The Streams settings: one check per invariant, each naming its option, and how they reach Kafka Streams. */
class StreamsSettingsTest {
  private static final Path STATE = Path.of("state");

  private static StreamsSettings settings(Duration commit, long rocksDbMb, Optional<String> instance) {
    return new StreamsSettings("app", STATE, commit, Duration.ofMillis(5), rocksDbMb, instance);
  }

  @Test
  void shouldRefuseANonPositiveCommitIntervalNamingItsOption() {
    assertThatThrownBy(() -> settings(Duration.ZERO, 64, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--commit-interval-ms must be positive, was 0");
    assertThatThrownBy(() -> settings(Duration.ofMillis(-5), 64, Optional.empty()))
        .hasMessage("--commit-interval-ms must be positive, was -5");
  }

  @Test
  void shouldRefuseANonPositivePollWaitNamingItsOption() {
    assertThatThrownBy(() -> new StreamsSettings("app", STATE, Duration.ofMillis(25), Duration.ZERO, 64,
        Optional.empty())).isInstanceOf(IllegalArgumentException.class).hasMessage("--poll-ms must be positive, was 0");
  }

  @Test
  void shouldRefuseLessThanOneMibOfRocksDbMemoryNamingItsOption() {
    assertThatThrownBy(() -> settings(Duration.ofMillis(100), 0, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--rocksdb-memory-mb must be at least 1, was 0");
  }

  @Test
  void shouldRefuseABlankInstanceIdNamingItsOption() {
    assertThatThrownBy(() -> settings(Duration.ofMillis(100), 64, Optional.of("  ")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--instance-id must not be blank when given");
  }

  @Test
  void shouldRefuseABlankApplicationIdOrNoStateDirNamingTheirOptions() {
    assertThatThrownBy(() -> new StreamsSettings(" ", STATE, Duration.ofMillis(100), Duration.ofMillis(5), 64,
        Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--application-id must not be blank");
    assertThatThrownBy(() -> new StreamsSettings("app", null, Duration.ofMillis(100), Duration.ofMillis(5), 64,
        Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--state-dir must name a folder");
  }

  @Test
  void shouldDefaultToWhatKafkaStreamsAndTheRocksDbSetterUseWhenNothingIsSet() {
    StreamsSettings defaults = StreamsSettings.defaults(STATE);
    assertThat(defaults.applicationId()).isEqualTo("modelmap-aggregator");
    // 25 ms, chosen from the K = 1,000 bench (issue 31; Kafka Streams' own default under exactly-once is 100 ms)
    assertThat(defaults.commitInterval()).isEqualTo(Duration.ofMillis(25));
    // 10 ms, chosen from the same bench (Kafka Streams' own poll.ms is 100 ms, which held every commit back)
    assertThat(defaults.pollInterval()).isEqualTo(Duration.ofMillis(10));
    assertThat(defaults.rocksDbMemoryBytes()).isEqualTo(67_108_864L); // 64 × 1,048,576, BoundedRocksDbMemory's default
    assertThat(defaults.instanceId()).isEmpty();
  }

  @Test
  void shouldReachTheStreamsConfigurationUnderKafkasNames() {
    AggregatorConfig config = AggregatorConfig.builder(KafkaConnection.of("kafka:9092", "mock://"),
        new StreamsSettings("app-7", STATE, Duration.ofMillis(250), Duration.ofMillis(7), 128,
            Optional.of("aggregator-0"))).build();
    Properties props = AggregatorService.properties(config, new InMemorySchemaRegistryClient());
    assertThat(props.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("app-7");
    assertThat(props.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("kafka:9092");
    assertThat(props.get(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo(STATE.toString());
    assertThat(props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(250L);
    assertThat(props.get(StreamsConfig.POLL_MS_CONFIG)).isEqualTo(7L);
    assertThat(props.get(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG)).isEqualTo(134_217_728L); // 128 × 1,048,576
    assertThat(props.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)).isEqualTo("aggregator-0");
  }

  @Test
  void shouldLeaveStaticMembershipOffWithoutAnInstanceId() {
    AggregatorConfig config = AggregatorConfig.builder(KafkaConnection.of("kafka:9092", "mock://"),
        StreamsSettings.defaults(STATE)).build();
    assertThat(AggregatorService.properties(config, new InMemorySchemaRegistryClient()))
        .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
  }

  @Test
  void shouldPassClientPropertiesOnButLetTheTypedOptionsHaveTheLastWord() {
    KafkaClientProperties client = KafkaClientProperties.none()
        .with("security.protocol", "SASL_SSL")
        .with(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 9_999L)
        .with(StreamsConfig.POLL_MS_CONFIG, 9_999L);
    AggregatorConfig config = AggregatorConfig.builder(new KafkaConnection("kafka:9092", "mock://", client),
        new StreamsSettings("app", STATE, Duration.ofMillis(250), Duration.ofMillis(5), 64, Optional.empty())).build();
    Properties props = AggregatorService.properties(config, new InMemorySchemaRegistryClient());
    assertThat(props.get("security.protocol")).isEqualTo("SASL_SSL");
    assertThat(props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(250L);
    assertThat(props.get(StreamsConfig.POLL_MS_CONFIG)).isEqualTo(5L);
  }

  @Test
  void shouldRefuseFewerThanOneInternalPartition() {
    assertThatThrownBy(() -> AggregatorConfig.builder(KafkaConnection.of("kafka:9092", "mock://"),
        StreamsSettings.defaults(STATE)).optInternalPartitions(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("internalPartitions must be at least 1, was 0");
  }
}
