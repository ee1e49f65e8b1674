package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.cli.transfer.AnswerImporter;
import io.modelmap.cli.transfer.MatrixImporter;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.TopicReader;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.testsupport.cluster.ChildAggregators;
import io.modelmap.testsupport.cluster.EmbeddedClusterExtension;
import io.modelmap.testsupport.cluster.FreePorts;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26, restores of the binary stores, on a real broker: a crafted record is written into the
 * {@code scores-store} changelog and one into the {@code agreement-pairs-store} changelog of a running
 * aggregator, which is then killed with SIGKILL and restarted on the same state folder. Exactly-once wipes
 * the unclean state and restores every store from its changelog; the restore used to copy the bytes in, and
 * the processors, which rebuild their state from the stores when they start, failed the stream thread on
 * them (/health 503 on every restart). Now the restore leaves them out and dead-letters them, and the map
 * and the agreement are what they were.
 */
class PoisonedBinaryRestoreIT {
  private static final String APP = "poisoned-binary-restore";
  private static final List<String> MODELS = List.of("acme/m-a", "acme/m-a-ft", "acme/m-b", "acme/m-c");
  private static final int TEXTS = 40;
  private static final String SCORES_CHANGELOG = APP + "-scores-store-changelog";
  private static final String PAIRS_CHANGELOG = APP + "-agreement-pairs-store-changelog";
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
  void shouldRestoreBinaryStoresWithoutCraftedChangelogRecordsAfterAnUncleanStop() throws Exception {
    KafkaConnection connection = KafkaConnection.of(cluster.bootstrapServers(), cluster.schemaRegistryUrl());
    int port = FreePorts.next();
    Process first = aggregators.start(dir.resolve("aggregator"), APP, port);
    importMatrixAndAnswers(connection);
    await("the map and the agreement of every model").atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> neighbours(port).size() == MODELS.size()
            && json(port, "/api/agreement").size() == 3);
    Map<String, JsonNode> neighboursBefore = neighbours(port);
    JsonNode agreementBefore = json(port, "/api/agreement");

    byte[] scoreKey = scoreKey("c1", "acme/m-a", 1_000); // a row that exists, a sequence that does not
    byte[] pairKey = "acme/m-a\0acme/m-b".getBytes(StandardCharsets.UTF_8);
    byte[] garbage = "garbage".getBytes(StandardCharsets.UTF_8); // 7 bytes: neither (int, double) pairs nor longs
    try (KafkaProducer<byte[], byte[]> raw = cluster.producer(new ByteArraySerializer(), new ByteArraySerializer())) {
      raw.send(new ProducerRecord<>(SCORES_CHANGELOG, 0, scoreKey, garbage)).get();
      raw.send(new ProducerRecord<>(PAIRS_CHANGELOG, 0, pairKey, garbage)).get();
    }

    first.destroyForcibly(); // SIGKILL: no checkpoint, so exactly-once restores every store from scratch
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    aggregators.start(dir.resolve("aggregator"), APP, port);

    TopicReader reader = new TopicReader(connection);
    await("the restarted aggregator is healthy, its map unchanged, both records dead-lettered").atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
          HttpResponse<String> health = get(port, "/health"); // 503 while the restored bytes failed the thread
          assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
          assertThat(neighbours(port)).isEqualTo(neighboursBefore);
          assertThat(letters(reader, connection, SCORES_CHANGELOG)).isNotEmpty();
          assertThat(letters(reader, connection, PAIRS_CHANGELOG)).isNotEmpty();
        });
    assertThat(letters(reader, connection, SCORES_CHANGELOG)).singleElement().satisfies(letter -> {
      assertThat(letter.getErrorClass()).isEqualTo("undecodable");
      assertThat(letter.getOriginalValue().array()).isEqualTo(garbage);
    });
    assertThat(letters(reader, connection, PAIRS_CHANGELOG)).singleElement().satisfies(letter -> {
      assertThat(letter.getErrorClass()).isEqualTo("undecodable");
      assertThat(letter.getOriginalValue().array()).isEqualTo(garbage);
    });
    HttpResponse<String> health = get(port, "/health");
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(neighbours(port)).as("neighbours of every model unchanged").isEqualTo(neighboursBefore);
    assertThat(json(port, "/api/agreement")).as("agreement unchanged").isEqualTo(agreementBefore);
  }

  /** Four complete rows (two near pairs) and three models' answers to four questions. */
  private void importMatrixAndAnswers(KafkaConnection connection) throws Exception {
    Random random = new Random(26);
    StringBuilder texts = new StringBuilder("text_id,category,bytes\n");
    StringBuilder matrix = new StringBuilder("model_id");
    double[][] l = new double[MODELS.size()][TEXTS];
    for (int s = 0; s < TEXTS; s++) {
      texts.append("t").append(s).append(",prose,").append(500 + s).append('\n');
      matrix.append(",t").append(s);
      double a = -800 - 200 * random.nextDouble();
      double b = -800 - 200 * random.nextDouble();
      l[0][s] = a;
      l[1][s] = a - 3 + random.nextGaussian();
      l[2][s] = b;
      l[3][s] = -800 - 200 * random.nextDouble();
    }
    matrix.append('\n');
    for (int i = 0; i < MODELS.size(); i++) {
      matrix.append(MODELS.get(i));
      for (double v : l[i]) {
        matrix.append(',').append(v);
      }
      matrix.append('\n');
    }
    Files.writeString(dir.resolve("texts.csv"), texts);
    Files.writeString(dir.resolve("L.csv"), matrix);
    Files.writeString(dir.resolve("answers.csv"), String.join("\n",
        "question_id,category,n_choices,gold_index,acme/m-a,acme/m-a-ft,acme/m-b",
        "1,x,4,0,0,0,1", "2,x,4,1,2,2,3", "3,x,3,2,2,1,1", "4,x,4,3,0,0,0", ""));
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    new MatrixImporter(connection, quiet, Clock.systemUTC()).importMatrix(dir.resolve("L.csv"), dir.resolve("texts.csv"),
        "c1");
    new AnswerImporter(connection, quiet).importAnswers(dir.resolve("answers.csv"), "bench");
  }

  /** The scores-store's key layout: corpus NUL model NUL sequence (4 bytes). */
  private static byte[] scoreKey(String corpus, String model, int sequence) {
    byte[] prefix = (corpus + "\0" + model + "\0").getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(prefix.length + 4).put(prefix).putInt(sequence).array();
  }

  /** Each model's neighbours, for the models whose neighbours are published. */
  private Map<String, JsonNode> neighbours(int port) throws Exception {
    Map<String, JsonNode> all = new LinkedHashMap<>();
    for (String model : MODELS) {
      JsonNode neighbours = json(port, "/api/models/" + model).path("neighbors");
      if (neighbours.size() == MODELS.size() - 1) {
        all.put(model, neighbours);
      }
    }
    return all;
  }

  private JsonNode json(int port, String path) throws Exception {
    HttpResponse<String> response = get(port, path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static List<DeadLetter> letters(TopicReader reader, KafkaConnection connection, String topic) {
    List<DeadLetter> letters = new ArrayList<>();
    reader.readAll(connection.topics().deadLetters(topic), (k, v) -> letters.add(v));
    return letters;
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
