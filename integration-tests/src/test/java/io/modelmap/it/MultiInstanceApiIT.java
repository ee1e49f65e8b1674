package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.aggregator.app.AggregatorConfig;
import io.modelmap.aggregator.app.AggregatorService;
import io.modelmap.aggregator.app.StreamsSettings;
import io.modelmap.kafka.KafkaClientProperties;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.aggregator.api.ApiSettings;
import io.modelmap.embedded.EmbeddedKafkaBroker;
import io.modelmap.kafka.Publisher;
import io.modelmap.producer.registration.ModelRegistrar;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.registry.EmbeddedSchemaRegistry;
import io.modelmap.schemas.topic.TopicNames;
import io.modelmap.schemas.topic.TopicProvisioner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two aggregator instances share the views' partitions (topics with 4 partitions): each instance
 * answers for every model, routing a key to the instance that owns it and gathering lists from both;
 * when one instance stops, the other takes over its partitions and answers alone.
 */
class MultiInstanceApiIT {
  private static final int MODELS = 12;

  @TempDir
  Path dir;

  @Test
  void everyInstanceAnswersForEveryModelAndOneTakesOverFromTheOther() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        new TopicProvisioner(admin).createMissing(TopicNames.defaults(), 4, (short) 1);
      }
      try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), "_schemas", 0)) {
        KafkaConnection connection = KafkaConnection.of(broker.bootstrapServers(), registry.url());
        try (Publisher publisher = new Publisher(connection)) {
          ModelRegistrar registrar = new ModelRegistrar(publisher, connection.topics().modelRegistered());
          for (int i = 0; i < MODELS; i++) {
            registrar.register(ModelRegistered.newBuilder().setModelId("model-" + i).setSourceUri("imported:x")
                .setCorpusId("c").setFamily("f" + (i % 3)).build());
          }
          publisher.flush();
        }
        List<AggregatorService> instances = new ArrayList<>();
        try {
          for (int n = 0; n < 2; n++) {
            AggregatorConfig config = AggregatorConfig.builder(new KafkaConnection(broker.bootstrapServers(),
                    registry.url(), KafkaClientProperties.none()
                        .with(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000)),
                StreamsSettings.of("two-instances", dir.resolve("state-" + n))).build();
            AggregatorService instance = new AggregatorService(config, Optional.of(ApiSettings.loopback(0)));
            instance.start();
            instances.add(instance);
          }
          HttpClient http = HttpClient.newHttpClient();
          ObjectMapper json = new ObjectMapper();
          for (AggregatorService instance : instances) {
            String base = instance.dashboardUrl().orElseThrow();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
              HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base + "api/models")).build(),
                  HttpResponse.BodyHandlers.ofString());
              assertThat(list.statusCode()).isEqualTo(200);
              Set<String> ids = new TreeSet<>();
              json.readTree(list.body()).forEach(m -> ids.add(m.get("modelId").asText()));
              assertThat(ids).hasSize(MODELS);
              for (int i = 0; i < MODELS; i++) {
                HttpResponse<String> one = http.send(HttpRequest.newBuilder(URI.create(base + "api/models/model-" + i))
                    .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(one.statusCode()).as("model-%d from %s", i, base).isEqualTo(200);
                JsonNode model = json.readTree(one.body());
                assertThat(model.get("family").asText()).isEqualTo("f" + (i % 3));
              }
            });
          }
          HttpResponse<String> internal = http.send(HttpRequest.newBuilder(URI.create(
              instances.get(0).internalUrl().orElseThrow() + "internal/views/view-registered")).build(),
              HttpResponse.BodyHandlers.ofString());
          assertThat(http.send(HttpRequest.newBuilder(URI.create(instances.get(0).dashboardUrl().orElseThrow()
              + "internal/views/view-registered")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
              .as("the public port serves no internal views").isEqualTo(404);
          assertThat(json.readTree(internal.body()).size()).as("the first instance holds only part of the view")
              .isBetween(1, MODELS - 1);

          instances.remove(0).close(); // leaves the group: the other instance takes over its partitions
          String survivor = instances.get(0).dashboardUrl().orElseThrow();
          String survivorInternal = instances.get(0).internalUrl().orElseThrow();
          await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            HttpResponse<String> local = http.send(HttpRequest.newBuilder(URI.create(
                survivorInternal + "internal/views/view-registered")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(json.readTree(local.body()).size()).as("the survivor holds the whole view").isEqualTo(MODELS);
            HttpResponse<String> one = http.send(HttpRequest.newBuilder(URI.create(survivor + "api/models/model-5"))
                .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(one.statusCode()).isEqualTo(200);
          });
        } finally {
          instances.forEach(AggregatorService::close);
        }
      }
    }
  }
}
