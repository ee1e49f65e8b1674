package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelmap.aggregator.app.AggregatorConfig;
import io.modelmap.aggregator.app.AggregatorService;
import io.modelmap.aggregator.app.StreamsSettings;
import io.modelmap.kafka.KafkaClientProperties;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.aggregator.api.ApiSettings;
import io.modelmap.embedded.EmbeddedKafkaBroker;
import io.modelmap.embedded.EmbeddedKafkaBroker.TopicCreation;
import io.modelmap.kafka.Publisher;
import io.modelmap.kafka.TopicReader;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.registry.EmbeddedSchemaRegistry;
import io.modelmap.schemas.topic.TopicNames;
import io.modelmap.schemas.topic.TopicProvisioner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26, operations: on a cluster that creates no topic by itself ({@code auto.create.topics.enable=false}),
 * the topics {@code modelmap topics} provisions are all the aggregator needs. A record that does not decode
 * on any of the views' topics (the ten compacted outputs and {@code model-registered}) lands in its
 * {@code -dlq} topic and the aggregator keeps serving. Before, only the sources' dead-letter topics were
 * provisioned: auto-creation hid it, and such a cluster had no {@code coordinate-frame-dlq} to write to.
 */
class DeadLetterTopicsIT {
  @TempDir
  Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldDeadLetterABadRecordOfEveryViewOnABrokerThatCreatesNoTopics() throws Exception {
    TopicNames names = TopicNames.defaults();
    List<String> views = List.of(names.modelRegistered(), names.modelCoordinates(), names.coordinateFrame(),
        names.modelNeighbors(), names.errorAgreement(), names.modelAccuracy(), names.scorePredictions(),
        names.predictionQuality(), names.modelAnalytics(), names.modelEmbeddings(), names.responseSimilarity());
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), TopicCreation.EXPLICIT)) {
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        new TopicProvisioner(admin).createMissing(names, 1, (short) 1);
        Set<String> provisioned = admin.listTopics().names().get();
        assertThat(provisioned).as("every topic with its dead-letter topic")
            .containsAll(views.stream().map(TopicNames::deadLetter).toList());
      }
      EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), "_schemas", 0);
      KafkaConnection connection = KafkaConnection.of(broker.bootstrapServers(), registry.url());
      AggregatorConfig config = AggregatorConfig.builder(new KafkaConnection(broker.bootstrapServers(), registry.url(),
              KafkaClientProperties.none().with(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1)
                  .with(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 500)),
          StreamsSettings.of("dead-letter-topics", dir.resolve("state"))).build();
      try (AggregatorService aggregator = new AggregatorService(config, Optional.of(ApiSettings.loopback(0)))) {
        aggregator.start();
        String api = aggregator.dashboardUrl().orElseThrow();
        try (KafkaProducer<String, byte[]> raw = rawProducer(broker)) {
          for (String view : views) {
            raw.send(new ProducerRecord<>(view, "bad/" + view, ("not a record of " + view).getBytes(StandardCharsets.UTF_8)))
                .get();
          }
        }
        try (Publisher publisher = new Publisher(connection)) {
          publisher.send(connection.topics().modelRegistered(), "acme/after", ModelRegistered.newBuilder()
              .setModelId("acme/after").setSourceUri("file:/m").setCorpusId("c").build());
          publisher.flush();
        }

        TopicReader reader = new TopicReader(connection);
        await("every view's bad record in its -dlq").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
            .untilAsserted(() -> assertThat(views).allSatisfy(view -> assertThat(letters(reader, connection, view))
                .as(TopicNames.deadLetter(view)).singleElement().satisfies(letter -> {
                  assertThat(letter.getTopic()).isEqualTo(view);
                  assertThat(letter.getErrorClass()).isEqualTo("undecodable");
                  assertThat(letter.getOriginalValue().array())
                      .isEqualTo(("not a record of " + view).getBytes(StandardCharsets.UTF_8));
                })));
        await("the registration after them served").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
            .ignoreExceptions().until(() -> get(api + "api/models/acme/after").statusCode() == 200);
        HttpResponse<String> health = get(api + "health");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(aggregator.isAlive()).isTrue();
      } finally {
        registry.close();
      }
    }
  }

  /**
   * The dead-letter topic of an internal changelog (Kafka Streams creates the changelogs, so no
   * provisioning step knows their names) is created when a restore first needs it. Before, on such a
   * cluster a restore meeting a bad record blocked 60 s on the missing topic and the letter was lost.
   */
  @Test
  void shouldDeadLetterABadChangelogRecordLeftOutOfARestoreOnABrokerThatCreatesNoTopics() throws Exception {
    String app = "changelog-dead-letters";
    String changelog = app + "-prediction-registrations-store-changelog";
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), TopicCreation.EXPLICIT)) {
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        new TopicProvisioner(admin).createMissing(TopicNames.defaults(), 1, (short) 1);
      }
      EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), "_schemas", 0);
      KafkaConnection connection = KafkaConnection.of(broker.bootstrapServers(), registry.url());
      Path state = dir.resolve("state");
      AggregatorConfig config = AggregatorConfig.builder(new KafkaConnection(broker.bootstrapServers(), registry.url(),
          KafkaClientProperties.none().with(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1)),
          StreamsSettings.of(app, state)).build();
      try {
        try (AggregatorService aggregator = new AggregatorService(config, Optional.of(ApiSettings.loopback(0)))) {
          aggregator.start();
          try (Publisher publisher = new Publisher(connection)) {
            publisher.send(connection.topics().modelRegistered(), "acme/before", ModelRegistered.newBuilder()
                .setModelId("acme/before").setSourceUri("file:/m").setCorpusId("c").build());
            publisher.flush();
          }
          await("the registration in the prediction store's changelog").atMost(Duration.ofMinutes(1))
              .pollInterval(Duration.ofMillis(500)).until(() -> endOffset(broker, changelog) > 0);
        }
        try (KafkaProducer<String, byte[]> raw = rawProducer(broker)) {
          raw.send(new ProducerRecord<>(changelog, "acme/broken", "not a registration".getBytes(StandardCharsets.UTF_8)))
              .get();
        }
        deleteRecursively(state); // no local state: every store is restored from its changelog, as after a SIGKILL

        long restarted = System.nanoTime();
        try (AggregatorService aggregator = new AggregatorService(config, Optional.of(ApiSettings.loopback(0)))) {
          aggregator.start();
          TopicReader reader = new TopicReader(connection);
          await("the left-out record in the changelog's -dlq").atMost(Duration.ofMinutes(2))
              .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(letters(reader, connection, changelog))
                  .singleElement().satisfies(letter -> {
                    assertThat(letter.getErrorClass()).isEqualTo("undecodable");
                    assertThat(letter.getOriginalValue().array())
                        .isEqualTo("not a registration".getBytes(StandardCharsets.UTF_8));
                  }));
          assertThat((System.nanoTime() - restarted) / 1e9).as("seconds to the dead letter: no send blocked")
              .isLessThan(45);
          String api = aggregator.dashboardUrl().orElseThrow();
          await("serving after the restore").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
              .ignoreExceptions().until(() -> get(api + "health").statusCode() == 200);
        }
      } finally {
        registry.close();
      }
    }
  }

  private static long endOffset(EmbeddedKafkaBroker broker, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      if (!admin.listTopics().names().get().contains(topic)) {
        return 0;
      }
      TopicPartition partition = new TopicPartition(topic, 0);
      return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static List<DeadLetter> letters(TopicReader reader, KafkaConnection connection, String topic) {
    List<DeadLetter> letters = new ArrayList<>();
    reader.readAll(connection.topics().deadLetters(topic), (k, v) -> letters.add(v));
    return letters;
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static KafkaProducer<String, byte[]> rawProducer(EmbeddedKafkaBroker broker) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }
}
