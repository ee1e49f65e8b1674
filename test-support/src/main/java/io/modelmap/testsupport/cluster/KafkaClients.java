package io.modelmap.testsupport.cluster;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;

/** Plain Kafka clients of a test broker, for what the project's own clients would refuse to write. */
public final class KafkaClients {
  private KafkaClients() {}

  /** An admin client of {@code bootstrapServers}; the caller closes it. */
  public static Admin admin(String bootstrapServers) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /** A producer with the default settings and the given serializers; the caller closes it. */
  public static <K, V> KafkaProducer<K, V> producer(String bootstrapServers, Serializer<K> keys, Serializer<V> values) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return new KafkaProducer<>(props, keys, values);
  }
}
