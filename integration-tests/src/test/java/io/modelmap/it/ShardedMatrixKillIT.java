package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.aggregator.matrix.ModelShards;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.Publisher;
import io.modelmap.math.BatchReference;
import io.modelmap.math.Neighbor;
import io.modelmap.producer.registration.ModelRegistrar;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.avro.TextScore;
import io.modelmap.schemas.avro.TextScores;
import io.modelmap.schemas.key.CompositeKey;
import io.modelmap.schemas.topic.TopicNames;
import io.modelmap.schemas.topic.TopicProvisioner;
import io.modelmap.testsupport.cluster.ChildAggregators;
import io.modelmap.testsupport.cluster.EmbeddedClusterExtension;
import io.modelmap.testsupport.cluster.FreePorts;
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
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 31, the SIGKILL variant of {@link ShardedMatrixIT}: one corpus's 60 models over S = 3 shards on three
 * aggregators, each in its own JVM ({@code modelmap aggregator --shards 3}, {@link ChildAggregators}), one broker.
 * Scores arrive in random order; once the first half is mapped the second half is sent and one child is killed
 * with SIGKILL at once, mid-way through it, then started again on its state folder and instance id. In the end
 * every model's list is final and equals the batch reference's top k (KL within 1e-9), and every instance's API
 * answers for every model.
 *
 * <p>Long (three JVMs started four times, a few minutes on two busy cores): not in the default build. Run it with
 * {@code ./mvnw -B -Pshards -pl integration-tests -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ShardedMatrixKillIT {
  private static final String APP = "sharded-kill";
  private static final int SHARDS = 3;
  private static final int TEXTS = 40;
  private static final int CHUNK = 10;
  private static final int K = 10;
  private static final List<String> SIZES = List.of("70m", "160m", "410m", "1b");
  private static final String CORPUS = "pile-sample";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;
  @RegisterExtension
  @Order(1)
  final EmbeddedClusterExtension cluster = new EmbeddedClusterExtension();
  @RegisterExtension
  @Order(2) // stopped first: the aggregators before their cluster
  final ChildAggregators aggregators = new ChildAggregators(cluster);
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void everyListEqualsTheBatchReferenceAfterOneOfThreeShardJvmsIsKilled() throws Exception {
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
    Random random = new Random(131);
    double[][] l = matrix(ids, random);
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

    try (Admin admin = cluster.admin()) {
      new TopicProvisioner(admin).createMissing(TopicNames.defaults(), SHARDS, (short) 1);
    }
    KafkaConnection connection = KafkaConnection.of(cluster.bootstrapServers(), cluster.schemaRegistryUrl());
    int[] ports = new int[SHARDS];
    List<Process> children = new ArrayList<>();
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
        ports[n] = FreePorts.next();
        children.add(child(n, ports[n]));
      }
      int half = records.size() / 2;
      send(publisher, connection, records.subList(0, half));
      await("the first half of the scores mapped").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions().until(() -> textsScored(ports[0]) == half * CHUNK);
      send(publisher, connection, records.subList(half, records.size()));

      Process killed = children.get(1);
      killed.destroyForcibly(); // SIGKILL, while the second half is on its way: no checkpoint, no leave-group
      assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(killed.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
      children.set(1, child(1, ports[1])); // same state folder, instance id and port
    }

    BatchReference reference = BatchReference.of(l);
    for (int n = 0; n < SHARDS; n++) {
      int port = ports[n];
      await("every list final and equal to the reference, from instance " + n).atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
            for (int i = 0; i < ids.size(); i++) {
              HttpResponse<String> response = get(port, "/api/models/"
                  + URLEncoder.encode(ids.get(i), StandardCharsets.UTF_8));
              assertThat(response.statusCode()).as("%s from %d: %s", ids.get(i), port, response.body()).isEqualTo(200);
              JsonNode model = JSON.readTree(response.body());
              assertThat(model.path("status").asText()).as(ids.get(i)).isEqualTo("complete");
              assertThat(model.path("neighborsProvisional").asBoolean()).as(ids.get(i)).isFalse();
              List<Neighbor> expected = reference.neighbors(i, ids, K);
              JsonNode actual = model.path("neighbors");
              assertThat(actual).as(ids.get(i)).hasSize(K);
              for (int r = 0; r < K; r++) {
                assertThat(actual.get(r).path("modelId").asText()).as("%s #%d", ids.get(i), r)
                    .isEqualTo(expected.get(r).modelId());
                assertThat(actual.get(r).path("klNats").asDouble()).as("%s #%d", ids.get(i), r)
                    .isCloseTo(expected.get(r).klNats(), within(1e-9));
              }
            }
          });
    }
    for (Process child : children) {
      assertThat(child.isAlive()).as("every child still runs").isTrue();
    }
  }

  /** Four families of fifteen models each, log-likelihoods between −900 and −600. */
  private static double[][] matrix(List<String> ids, Random random) {
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
    return l;
  }

  private Process child(int n, int port) throws Exception {
    return aggregators.start(dir.resolve("state-" + n), APP, APP + "-" + n, port, List.of("--shards",
        Integer.toString(SHARDS)));
  }

  private static void send(Publisher publisher, KafkaConnection connection, List<TextScores> records) {
    for (TextScores record : records) {
      publisher.send(connection.topics().textScores(), record.getModelId(), record);
    }
    publisher.flush();
  }

  /** Scores the instance's API counts over all models (it asks the others for the keys it does not hold). */
  private long textsScored(int port) throws Exception {
    HttpResponse<String> list = get(port, "/api/models");
    if (list.statusCode() != 200) {
      return 0;
    }
    long scored = 0;
    for (JsonNode model : JSON.readTree(list.body())) {
      scored += model.path("textsScored").asLong();
    }
    return scored;
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
