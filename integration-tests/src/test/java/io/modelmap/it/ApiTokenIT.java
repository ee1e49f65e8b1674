package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.aggregator.app.AggregatorConfig;
import io.modelmap.aggregator.app.AggregatorService;
import io.modelmap.aggregator.app.StreamsSettings;
import io.modelmap.kafka.KafkaClientProperties;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.aggregator.api.ApiSettings;
import io.modelmap.embedded.EmbeddedKafkaBroker;
import io.modelmap.http.BearerToken;
import io.modelmap.kafka.Publisher;
import io.modelmap.producer.registration.ModelRegistrar;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.registry.EmbeddedSchemaRegistry;
import io.modelmap.schemas.topic.TopicNames;
import io.modelmap.schemas.topic.TopicProvisioner;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two aggregator instances started with an API token (as the chart's api.auth.secretName gives them):
 * /api/* and the internal views answer 401 without it and answer for every model with it, which needs
 * each instance to send it to the other for the keys it does not hold; probes, metrics, the
 * description and the dashboard's page stay open.
 */
class ApiTokenIT {
  private static final int MODELS = 8;
  private static final BearerToken TOKEN = new BearerToken("it-token-0123456789abcdef");

  @TempDir
  Path dir;

  @Test
  void theTokenGuardsTheDataOnBothPortsAndTheInstancesPassItToEachOther() throws Exception {
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
                .setCorpusId("c").setFamily("f").build());
          }
          publisher.flush();
        }
        List<AggregatorService> instances = new ArrayList<>();
        try {
          for (int n = 0; n < 2; n++) {
            AggregatorConfig config = AggregatorConfig.builder(KafkaConnection.of(broker.bootstrapServers(), registry.url()),
                StreamsSettings.of("with-token", dir.resolve("state-" + n))).build();
            ApiSettings api = ApiSettings.builder()
                .setBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .setInternalBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .optToken(TOKEN).build();
            AggregatorService instance = new AggregatorService(config, Optional.of(api));
            instance.start();
            instances.add(instance);
          }
          String first = instances.get(0).dashboardUrl().orElseThrow();
          String firstInternal = instances.get(0).internalUrl().orElseThrow();
          for (AggregatorService instance : instances) {
            String base = instance.dashboardUrl().orElseThrow();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
              for (int i = 0; i < MODELS; i++) {
                assertThat(status(base + "api/models/model-" + i, true)).as("model-%d from %s", i, base).isEqualTo(200);
              }
            });
          }
          assertThat(new ObjectMapper().readTree(body(firstInternal + "internal/views/view-registered")).size())
              .as("the first instance holds only part of the view, so it asked the other for the rest")
              .isBetween(1, MODELS - 1);

          assertThat(status(first + "api/models", false)).isEqualTo(401);
          assertThat(status(first + "api/models/model-1", false)).isEqualTo(401);
          assertThat(status(first + "api/events", false)).isEqualTo(401);
          assertThat(status(firstInternal + "internal/views/view-registered", false)).isEqualTo(401);
          for (String open : List.of("health", "metrics", "openapi.json", "")) {
            assertThat(status(first + open, false)).as("/%s is open", open).isEqualTo(200);
          }
        } finally {
          instances.forEach(AggregatorService::close);
        }
      }
    }
  }

  private static int status(String url, boolean withToken) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (withToken) {
      request.header("Authorization", TOKEN.authorization());
    }
    if (url.endsWith("api/events")) {
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static String body(String url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", TOKEN.authorization()).build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}
