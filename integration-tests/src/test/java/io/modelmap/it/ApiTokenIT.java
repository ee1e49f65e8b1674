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
import io.modelmap.http.StreamTickets;
import io.modelmap.kafka.Publisher;
import io.modelmap.producer.registration.ModelRegistrar;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.registry.EmbeddedSchemaRegistry;
import io.modelmap.schemas.topic.TopicNames;
import io.modelmap.schemas.topic.TopicProvisioner;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
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
 * description and the dashboard's page stay open. The event stream also opens with a ticket got with the
 * token (on either instance: they share the token), once; an expired or forged ticket, or the token in
 * the URL, is refused.
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

          // a browser's EventSource sends no header: it opens the stream with a ticket got with the token
          String second = instances.get(1).dashboardUrl().orElseThrow();
          String ticket = new ObjectMapper().readTree(body(first + "api/events/ticket")).get("ticket").asText();
          assertThat(status(first + "api/events/ticket", false)).isEqualTo(401);
          assertThat(streamStatus(first + "api/events?ticket=" + ticket)).isEqualTo(200);
          assertThat(streamStatus(first + "api/events?ticket=" + ticket)).as("a ticket opens one stream").isEqualTo(401);
          String another = new ObjectMapper().readTree(body(first + "api/events/ticket")).get("ticket").asText();
          assertThat(streamStatus(second + "api/events?ticket=" + another)).as("the other instance shares the token")
              .isEqualTo(200);
          String expired = new StreamTickets(TOKEN, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-2)))
              .issue("/api/events").ticket();
          assertThat(streamStatus(first + "api/events?ticket=" + expired)).as("expired").isEqualTo(401);
          String fresh = new ObjectMapper().readTree(body(first + "api/events/ticket")).get("ticket").asText();
          String forged = fresh.substring(0, fresh.lastIndexOf('.') + 1) + "x".repeat(43);
          assertThat(streamStatus(first + "api/events?ticket=" + forged)).as("forged").isEqualTo(401);
          assertThat(streamStatus(first + "api/events?ticket=" + TOKEN.value())).as("the token is no ticket")
              .isEqualTo(401);
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

  /** The status of a GET on an event stream; a stream that opens is closed again at once. */
  private static int streamStatus(String url) throws Exception {
    HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .build(), HttpResponse.BodyHandlers.ofInputStream());
    response.body().close();
    return response.statusCode();
  }

  private static String body(String url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", TOKEN.authorization()).build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}
