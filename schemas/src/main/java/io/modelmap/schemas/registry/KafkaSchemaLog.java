package io.modelmap.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Schema versions in a one-partition compacted topic (like Confluent's {@code _schemas}). */
final class KafkaSchemaLog implements SchemaLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String bootstrapServers;
  private final String topic;
  private final KafkaProducer<String, String> producer;

  KafkaSchemaLog(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    createTopicIfAbsent();
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  private void createTopicIfAbsent() {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      NewTopic newTopic = new NewTopic(topic, 1, (short) 1)
          .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      admin.createTopics(List.of(newTopic)).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new SchemaRegistryException("cannot create the schema topic " + topic, e.getCause());
      }
    } catch (InterruptedException | TimeoutException e) {
      throw new SchemaRegistryException("cannot create the schema topic " + topic + " at " + bootstrapServers, e);
    }
  }

  @Override
  public List<RegisteredSchema> readAll() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<RegisteredSchema> all = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
      while (consumer.position(partition, TIMEOUT) < end) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          all.add(parse(record.value()));
        }
      }
    }
    return all;
  }

  @Override
  public void append(RegisteredSchema registered) {
    try {
      String key = registered.subject() + "/" + registered.version();
      producer.send(new ProducerRecord<>(topic, key, JSON.writeValueAsString(registered)))
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (JsonProcessingException | ExecutionException | TimeoutException e) {
      throw new SchemaRegistryException("cannot store schema " + registered.subject() + " in " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException("interrupted while storing schema " + registered.subject(), e);
    }
  }

  private static RegisteredSchema parse(String json) {
    try {
      return JSON.readValue(json, RegisteredSchema.class);
    } catch (JsonProcessingException e) {
      throw new SchemaRegistryException("unreadable record in the schema topic: " + json, e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
