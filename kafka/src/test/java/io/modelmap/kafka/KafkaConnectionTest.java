package io.modelmap.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.modelmap.schemas.topic.TopicNames;
import org.junit.jupiter.api.Test;

/** The one connection: what it refuses, naming the option, and the settings each kind of client gets from it. */
class KafkaConnectionTest {
  private static final KafkaClientProperties USER_SETTINGS = KafkaClientProperties.none()
      .with("security.protocol", "SASL_SSL")
      .with("consumer.max.poll.records", 7)
      .with("producer.linger.ms", 9)
      .with("admin.request.timeout.ms", 1000)
      .with("replication.factor", 3) // a Streams setting: no plain client knows it
      .with("bootstrap.servers", "elsewhere:9092");

  private final KafkaConnection connection =
      new KafkaConnection("kafka:9093", "https://registry:8081", TopicNames.defaults(), USER_SETTINGS);

  @Test
  void shouldGiveAConsumerTheOptionsClusterAndTheUserSettingsAConsumerKnows() {
    assertThat(connection.consumerProperties()).containsOnly(
        entry("bootstrap.servers", "kafka:9093"),
        entry("security.protocol", "SASL_SSL"),
        entry("max.poll.records", 7));
  }

  @Test
  void shouldGiveAProducerTheOptionsClusterAndTheUserSettingsAProducerKnows() {
    assertThat(connection.producerProperties()).containsOnly(
        entry("bootstrap.servers", "kafka:9093"),
        entry("security.protocol", "SASL_SSL"),
        entry("linger.ms", 9));
  }

  @Test
  void shouldGiveAnAdminClientTheOptionsClusterAndTheUserSettingsAnAdminKnows() {
    assertThat(connection.adminProperties()).containsOnly(
        entry("bootstrap.servers", "kafka:9093"),
        entry("security.protocol", "SASL_SSL"),
        entry("request.timeout.ms", 1000));
  }

  @Test
  void shouldBuildNewPropertiesEachTimeSoACallerMayAddItsOwn() {
    connection.consumerProperties().put("group.id", "scorers");
    assertThat(connection.consumerProperties()).doesNotContainKey("group.id");
  }

  @Test
  void shouldDefaultToTheUnprefixedTopicNamesAndNoClientSettings() {
    KafkaConnection local = KafkaConnection.of("localhost:9092", "http://localhost:8081");
    assertThat(local.topicNames().scoreTasks()).isEqualTo("score-tasks");
    assertThat(local.clientProperties()).isEqualTo(KafkaClientProperties.none());
    assertThat(local.consumerProperties()).containsOnly(entry("bootstrap.servers", "localhost:9092"));
    assertThat(new KafkaConnection("kafka:9092", "http://sr:8081", USER_SETTINGS).topicNames())
        .isEqualTo(TopicNames.defaults());
  }

  @Test
  void shouldNameEveryTopicWithTheConnectionsPrefix() {
    KafkaConnection prefixed = connection.withTopicNames(TopicNames.withPrefix("team-a."));
    assertThat(prefixed.topicNames().corpusTexts()).isEqualTo("team-a.corpus-texts");
    assertThat(prefixed.topics().scoreTasks().name()).isEqualTo("team-a.score-tasks");
    assertThat(prefixed.bootstrapServers()).isEqualTo("kafka:9093");
    assertThat(prefixed.clientProperties()).isEqualTo(USER_SETTINGS);
  }

  @Test
  void shouldRefuseARegistryThatIsNoHttpUrlNamingTheOptionAndTheValue() {
    assertThatThrownBy(() -> KafkaConnection.of("kafka:9092", "localhost:8081"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--schema-registry-url must be an http:// or https:// URL, was 'localhost:8081'");
    assertThatThrownBy(() -> KafkaConnection.of("kafka:9092", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--schema-registry-url must be a URL");
    assertThatThrownBy(() -> KafkaConnection.of(null, "http://sr:8081"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--bootstrap-servers must name at least one host:port");
  }

  @Test
  void shouldAcceptHttpHttpsAndTheInMemoryMockRegistry() {
    assertThat(KafkaConnection.of("k:9092", "http://sr:8081").schemaRegistryUrl()).isEqualTo("http://sr:8081");
    assertThat(KafkaConnection.of("k:9092", "https://sr").schemaRegistryUrl()).isEqualTo("https://sr");
    assertThat(KafkaConnection.of("k:9092", "mock://tests").schemaRegistryUrl()).isEqualTo("mock://tests");
  }

  @Test
  void shouldRefuseMissingTopicNamesOrClientSettings() {
    assertThatThrownBy(() -> new KafkaConnection("k:9092", "http://sr", null, KafkaClientProperties.none()))
        .isInstanceOf(NullPointerException.class).hasMessage("topicNames");
    assertThatThrownBy(() -> new KafkaConnection("k:9092", "http://sr", TopicNames.defaults(), null))
        .isInstanceOf(NullPointerException.class).hasMessage("clientProperties");
  }
}
