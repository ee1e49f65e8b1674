package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.aggregator.api.ApiSettings;
import io.modelmap.aggregator.app.AggregatorConfig;
import io.modelmap.aggregator.app.AggregatorService;
import io.modelmap.aggregator.app.StreamsSettings;
import io.modelmap.aggregator.matrix.ModelShards;
import io.modelmap.embedded.EmbeddedKafkaBroker;
import io.modelmap.kafka.KafkaClientProperties;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.Publisher;
import io.modelmap.math.BatchReference;
import io.modelmap.math.Neighbor;
import io.modelmap.producer.registration.ModelRegistrar;
import io.modelmap.kafka.TopicReader;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.avro.TextScore;
import io.modelmap.schemas.avro.TextScores;
import io.modelmap.schemas.key.CompositeKey;
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
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
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
  private static final int SHARDS = 3;
  private static final int TEXTS = 40;
  private static final int CHUNK = 10;
  private static final List<String> SIZES = List.of("70m", "160m", "410m", "1b");
  private static final String CORPUS = "pile-sample";
  private static final int K = 10;

  @TempDir
  Path dir;

  @Test
  void everyListEqualsTheBatchReferenceAcrossThreeShardsAndARestart() throws Exception {
    List<String> ids = new ArrayList<>();
    for (String size : SIZES) {
      for (int step = 1; step <= 15; step++) {
        ids.add("EleutherAI/pythia-" + size + "@step" + step * 1000);
      }
    }
    Collections.sort(ids);
    Set<Integer> shardsUsed = new HashSet<>();
    ids.forEach(id -> shardsUsed.add(ModelShards.shardOf(id, SHARDS)));
    assertThat(shardsUsed).as("the 60 ids fall on every shard").hasSize(SHARDS);
    Random random = new Random(31);
    double[][] families = new double[SIZES.size()][TEXTS];
    for (double[] family : families) {
      for (int s = 0; s < TEXTS; s++) {
        family[s] = -900 + 300 * random.nextDouble();
      }
    }
    double[][] l = new double[ids.size()][TEXTS];
    for (int i = 0; i < ids.size(); i++) {
      double[] family = families[SIZES.indexOf(ids.get(i).replaceAll(".*pythia-(.*)@.*", "$1"))];
      double offset = 5 * random.nextGaussian();
      for (int s = 0; s < TEXTS; s++) {
        l[i][s] = family[s] + offset + 3 * random.nextGaussian();
      }
    }
    List<TextScores> records = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      for (int from = 0; from < TEXTS; from += CHUNK) {
        List<TextScore> scores = new ArrayList<>();
        for (int s = from; s < from + CHUNK; s++) {
          scores.add(TextScore.newBuilder().setTextId("t" + s).setLogLikelihood(l[i][s]).setTokensScored(100)
              .setWindowed(false).build());
        }
        records.add(TextScores.newBuilder().setModelId(ids.get(i)).setCorpusId(CORPUS)
            .setTaskId(ids.get(i) + "-" + from).setScores(scores).build());
      }
    }
    Collections.shuffle(records, random);

    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        new TopicProvisioner(admin).createMissing(TopicNames.defaults(), SHARDS, (short) 1);
      }
      try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), "_schemas", 0)) {
        KafkaConnection connection = KafkaConnection.of(broker.bootstrapServers(), registry.url());
        List<AggregatorService> instances = new ArrayList<>();
        try (Publisher publisher = new Publisher(connection)) {
          ModelRegistrar registrar = new ModelRegistrar(publisher, connection.topics().modelRegistered());
          for (String id : ids) {
            registrar.register(ModelRegistered.newBuilder().setModelId(id).setSourceUri("imported:x")
                .setCorpusId(CORPUS).setModelType("imported").build());
          }
          for (int s = 0; s < TEXTS; s++) {
            publisher.send(connection.topics().corpusTexts(), CompositeKey.of(CORPUS, "t" + s), TextChunk.newBuilder()
                .setCorpusId(CORPUS).setTextId("t" + s).setIndex(s).setCorpusSize(TEXTS).setText("x".repeat(500 + s))
                .setCategory(s % 2 == 0 ? "prose" : "code").setByteLength(500 + s).build());
          }
          publisher.flush();
          for (int n = 0; n < SHARDS; n++) {
            instances.add(instance(broker, registry, n));
          }
          int half = records.size() / 2;
          send(publisher, connection, records.subList(0, half));
          await("the first half of the scores mapped").atMost(Duration.ofMinutes(3))
              .pollInterval(Duration.ofSeconds(1)).until(() -> textsScored(instances.get(0)) == half * CHUNK);
          instances.remove(1).close(); // its shard moves to the others, then back when it returns
          send(publisher, connection, records.subList(half, records.size()));
          instances.add(1, instance(broker, registry, 1));

          BatchReference reference = BatchReference.of(l);
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
                    JsonNode model = json.readTree(response.body());
                    assertThat(model.path("status").asText()).as(ids.get(i)).isEqualTo("complete");
                    assertThat(model.path("neighborsProvisional").asBoolean()).as(ids.get(i)).isFalse();
                    List<Neighbor> expected = reference.neighbors(i, ids, K);
                    JsonNode actual = model.path("neighbors");
                    assertThat(actual).as(ids.get(i)).hasSize(K);
                    for (int n = 0; n < K; n++) {
                      assertThat(actual.get(n).path("modelId").asText()).as("%s #%d", ids.get(i), n)
                          .isEqualTo(expected.get(n).modelId());
                      assertThat(actual.get(n).path("klNats").asDouble()).as("%s #%d", ids.get(i), n)
                          .isCloseTo(expected.get(n).klNats(), within(1e-9));
                    }
                  }
                });
          }
          double[] columnMeans = reference.columnMeans();
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

  private static void send(Publisher publisher, KafkaConnection connection, List<TextScores> records) {
    for (TextScores record : records) {
      publisher.send(connection.topics().textScores(), record.getModelId(), record);
    }
    publisher.flush();
  }

  /** Scores the instance's API counts over all models (it asks the others for the keys it does not hold). */
  private static long textsScored(AggregatorService instance) throws Exception {
    HttpResponse<String> list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(instance.dashboardUrl().orElseThrow() + "api/models")).build(), HttpResponse.BodyHandlers.ofString());
    if (list.statusCode() != 200) {
      return 0;
    }
    long scored = 0;
    for (JsonNode model : new ObjectMapper().readTree(list.body())) {
      scored += model.path("textsScored").asLong();
    }
    return scored;
  }
}
