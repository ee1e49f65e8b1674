package io.modelmap.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Client properties as a user gives them, and the share each kind of client gets. */
class KafkaClientPropertiesTest {

  @Test
  void shouldGiveAClientTheSettingsItKnowsWithItsPrefixStripped() {
    KafkaClientProperties all = KafkaClientProperties.none()
        .with("security.protocol", "SSL")
        .with("producer.linger.ms", 5)
        .with("consumer.max.poll.records", 500)
        .with("replication.factor", 3);
    Properties producer = all.forClient(Set.of("security.protocol", "linger.ms"), "producer.");
    assertThat(producer).containsOnly(
        org.assertj.core.api.Assertions.entry("security.protocol", "SSL"),
        org.assertj.core.api.Assertions.entry("linger.ms", 5));
  }

  @Test
  void shouldReadAPropertiesFileAsStrings() {
    Properties file = new Properties();
    file.setProperty("sasl.mechanism", "PLAIN");
    Properties copy = new Properties();
    KafkaClientProperties.of(file).copyInto(copy);
    assertThat(copy).containsOnly(org.assertj.core.api.Assertions.entry("sasl.mechanism", "PLAIN"));
  }

  @Test
  void shouldReplaceAnEarlierValueOfTheSameSetting() {
    Properties copy = new Properties();
    KafkaClientProperties.none().with("acks", "1").with("acks", "all").copyInto(copy);
    assertThat(copy).containsOnly(org.assertj.core.api.Assertions.entry("acks", "all"));
  }

  @Test
  void shouldNeverPrintValuesThatMayBeSecrets() {
    String printed = KafkaClientProperties.none().with("sasl.jaas.config", "password=\"hunter2\"").toString();
    assertThat(printed).contains("sasl.jaas.config").doesNotContain("hunter2");
  }

  @Test
  void shouldRefuseASettingWithoutNameOrValue() {
    assertThatThrownBy(() -> KafkaClientProperties.none().with(" ", 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("a Kafka client setting needs a name");
    assertThatThrownBy(() -> KafkaClientProperties.none().with("acks", null))
        .isInstanceOf(NullPointerException.class).hasMessage("value of Kafka client setting acks");
  }

  @Test
  void shouldRefuseAConnectionWithoutBootstrapServersOrRegistryNamingTheOption() {
    assertThatThrownBy(() -> KafkaConnection.of(" ", "http://sr:8081"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--bootstrap-servers must name at least one host:port");
    assertThatThrownBy(() -> KafkaConnection.of("kafka:9092", ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--schema-registry-url must be a URL");
  }
}
