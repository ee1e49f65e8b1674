package io.modelmap.it;

import static io.modelmap.it.ShardedCorpus.CHUNK;
import static io.modelmap.it.ShardedCorpus.CORPUS;
import static io.modelmap.it.ShardedCorpus.SHARDS;
import static io.modelmap.it.ShardedCorpus.TEXTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.aggregator.api.ApiSettings;
import io.modelmap.aggregator.app.AggregatorConfig;
import io.modelmap.aggregator.app.AggregatorService;
import io.modelmap.aggregator.app.StreamsSettings;
import io.modelmap.embedded.EmbeddedKafkaBroker;
import io.modelmap.kafka.KafkaClientProperties;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.Publisher;
import io.modelmap.kafka.TopicReader;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.TextScores;
import io.modelmap.schemas.registry.EmbeddedSchemaRegistry;
import io.modelmap.schemas.topic.TopicNames;
import io.modelmap.schemas.topic.TopicProvisioner;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 31: one corpus's 60 models spread over S = 3 shards on three aggregator instances sharing one
 * application id and one broker. Scores arrive in random order; one instance is stopped half-way and
 * started again on its state folder. In the end every model's list is final (not provisional) and equals
 * the batch reference's top k (KL within 1e-9), every instance answers for every model, and the last
 * coordinate frame sums the three shards' rows into the reference's K and column means.
 */
class ShardedMatrixIT {

  @TempDir
  Path dir;

  @Test
  void everyListEqualsTheBatchReferenceAcrossThreeShardsAndARestart() throws Exception {
    ShardedCorpus corpus = ShardedCorpus.draw(31);
    List<String> ids = corpus.ids;
    List<TextScores> records = corpus.records;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        new TopicProvisioner(admin).createMissing(TopicNames.defaults(), SHARDS, (short) 1);
      }
      try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), "_schemas", 0)) {
        KafkaConnection connection = KafkaConnection.of(broker.bootstrapServers(), registry.url());
        List<AggregatorService> instances = new ArrayList<>();
        try (Publisher publisher = new Publisher(connection)) {
          corpus.publishRegistrationsAndTexts(publisher, connection);
          for (int n = 0; n < SHARDS; n++) {
            instances.add(instance(broker, registry, n));
          }
          int half = records.size() / 2;
          ShardedCorpus.send(publisher, connection, records.subList(0, half));
          await("the first half of the scores mapped").atMost(Duration.ofMinutes(3))
              .pollInterval(Duration.ofSeconds(1)).until(() -> textsScored(instances.get(0)) == half * CHUNK);
          instances.remove(1).close(); // its shard moves to the others, then back when it returns
          ShardedCorpus.send(publisher, connection, records.subList(half, records.size()));
          instances.add(1, instance(broker, registry, 1));

          HttpClient http = HttpClient.newHttpClient();
          ObjectMapper json = new ObjectMapper();
          for (AggregatorService instance : instances) {
            String base = instance.dashboardUrl().orElseThrow();
            await("every list final and equal to the reference, from " + base).atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                  for (int i = 0; i < ids.size(); i++) {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "api/models/"
                        + URLEncoder.encode(ids.get(i), StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as("%s from %s: %s", ids.get(i), base, response.body())
                        .isEqualTo(200);
                    corpus.assertFinalListEqualsReference(i, json.readTree(response.body()));
                  }
                });
          }
          double[] columnMeans = corpus.reference.columnMeans();
          await("the frame over all shards").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
              .untilAsserted(() -> {
                Map<String, CoordinateFrame> frames = new HashMap<>();
                new TopicReader(connection).readAll(connection.topics().coordinateFrame(), frames::put);
                CoordinateFrame frame = frames.get(CORPUS);
                assertThat(frame.getModelCount()).as("K summed over the shards").isEqualTo(ids.size());
                for (int s = 0; s < TEXTS; s++) {
                  assertThat(frame.getColumnMeans().get(s)).as("column mean %d", s)
                      .isCloseTo(columnMeans[s], within(1e-9));
                }
              });
        } finally {
          instances.forEach(AggregatorService::close);
        }
      }
    }
  }

  private AggregatorService instance(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry, int n)
      throws Exception {
    AggregatorConfig config = AggregatorConfig.builder(new KafkaConnection(broker.bootstrapServers(), registry.url(),
            KafkaClientProperties.none().with(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                10_000)),
        StreamsSettings.of("sharded", dir.resolve("state-" + n))).optShards(SHARDS).build();
    AggregatorService instance = new AggregatorService(config, Optional.of(ApiSettings.loopback(0)));
    instance.start();
    return instance;
  }

  /** Scores the instance's API counts over all models (it asks the others for the keys it does not hold). */
  private static long textsScored(AggregatorService instance) throws Exception {
    HttpResponse<String> list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(instance.dashboardUrl().orElseThrow() + "api/models")).build(), HttpResponse.BodyHandlers.ofString());
    if (list.statusCode() != 200) {
      return 0;
    }
    return ShardedCorpus.textsScored(new ObjectMapper().readTree(list.body()));
  }
}
