package io.modelmap.kafka;

import io.modelmap.schemas.registry.RestSchemaRegistryClient;
import io.modelmap.schemas.registry.SchemaRegistryClient;
import io.modelmap.schemas.topic.TopicNames;
import io.modelmap.schemas.topic.Topics;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Where the system lives: the Kafka cluster, the schema registry, the topic names and the client
 * settings a user adds (security settings, for example). Every Kafka client of every service takes its
 * {@link Properties} from here, so each kind of client gets the user's settings in one way.
 *
 * @param bootstrapServers Kafka bootstrap servers ({@code --bootstrap-servers})
 * @param schemaRegistryUrl base URL of a Confluent-compatible schema registry ({@code --schema-registry-url});
 *     {@code mock://…} names an in-memory registry in tests, as in Confluent's serdes
 * @param topicNames the topic names ({@code --topic-prefix})
 * @param clientProperties extra client settings, for example security settings ({@code --client-config})
 */
public record KafkaConnection(String bootstrapServers, String schemaRegistryUrl, TopicNames topicNames,
    KafkaClientProperties clientProperties) {

  public KafkaConnection {
    Objects.requireNonNull(topicNames, "topicNames");
    Objects.requireNonNull(clientProperties, "clientProperties");
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("--bootstrap-servers must name at least one host:port");
    }
    if (schemaRegistryUrl == null || schemaRegistryUrl.isBlank()) {
      throw new IllegalArgumentException("--schema-registry-url must be a URL");
    }
    if (!schemaRegistryUrl.startsWith("http://") && !schemaRegistryUrl.startsWith("https://")
        && !schemaRegistryUrl.startsWith("mock://")) {
      throw new IllegalArgumentException(
          "--schema-registry-url must be an http:// or https:// URL, was '" + schemaRegistryUrl + "'");
    }
  }

  /** A connection with the default topic names. */
  public KafkaConnection(String bootstrapServers, String schemaRegistryUrl, KafkaClientProperties clientProperties) {
    this(bootstrapServers, schemaRegistryUrl, TopicNames.defaults(), clientProperties);
  }

  /** A connection with the default topic names and no extra client settings. */
  public static KafkaConnection of(String bootstrapServers, String schemaRegistryUrl) {
    return new KafkaConnection(bootstrapServers, schemaRegistryUrl, TopicNames.defaults(), KafkaClientProperties.none());
  }

  /** The same connection with other topic names. */
  public KafkaConnection withTopicNames(TopicNames names) {
    return new KafkaConnection(bootstrapServers, schemaRegistryUrl, names, clientProperties);
  }

  /**
   * A consumer's settings: the bootstrap servers and the user's settings a consumer knows
   * ({@code consumer.}-prefixed ones too). A caller adds its own defaults with {@code putIfAbsent}, so
   * that a setting the user gave wins.
   */
  public Properties consumerProperties() {
    return withBootstrapServers(clientProperties.forClient(ConsumerConfig.configNames(), "consumer."),
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
  }

  /** A producer's settings, as {@link #consumerProperties()} ({@code producer.}-prefixed settings too). */
  public Properties producerProperties() {
    return withBootstrapServers(clientProperties.forClient(ProducerConfig.configNames(), "producer."),
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
  }

  /** An admin client's settings, as {@link #consumerProperties()} ({@code admin.}-prefixed settings too). */
  public Properties adminProperties() {
    return withBootstrapServers(clientProperties.forClient(AdminClientConfig.configNames(), "admin."),
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
  }

  private Properties withBootstrapServers(Properties props, String key) {
    props.put(key, bootstrapServers); // the option names the cluster, whatever a client file says
    return props;
  }

  /** A client of the schema registry at {@link #schemaRegistryUrl}. */
  public SchemaRegistryClient registryClient() {
    return new RestSchemaRegistryClient(schemaRegistryUrl);
  }

  /** Every topic (name and serdes) under {@link #topicNames}, its serdes on a new registry client. */
  public Topics topics() {
    return new Topics(topicNames, registryClient());
  }
}
