package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.TopicReader;
import io.modelmap.schemas.avro.McAnswer;
import io.modelmap.schemas.avro.TextScore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26, operations: {@code demo --data-dir D} is killed with SIGKILL while it scores (broker,
 * aggregator and scorer die together, uncommitted), then run again on the same folder until every
 * task on {@code score-tasks} is done. The rerun registers the models and fans them out again, as
 * every run does. Before, every text and item was scored again: each rerun doubled {@code text-scores}
 * (the aggregator kept the first of each and counted the rest as duplicates). Now a worker reads what
 * is on {@code text-scores} and {@code mc-answers} before a task and scores only what is missing.
 * The served demo's router is trained on the zoo's answers: {@code /api/route} ranks all ten models.
 */
class RestartRescoringIT {
  private static final Pattern BROKER = Pattern.compile("broker (\\S+), schema registry (\\S+)");
  private static final int TEXTS = 40;
  private static final int MODELS = 10;
  /** The demo's continuation benchmark: more than the 50 answered questions its router needs. */
  private static final int ITEMS = 60;
  private static final Pattern DASHBOARD = Pattern.compile("Serving: dashboard (\\S+), bootstrap");

  @TempDir
  Path dir;

  @Test
  void shouldNotScoreAgainWhatIsAlreadyOnTextScoresAfterAnUncleanRestart() throws Exception {
    Path data = dir.resolve("data");
    List<Process> children = new ArrayList<>();
    try {
      Path firstLog = dir.resolve("first.log");
      Process first = demo(data, firstLog, false, children);
      KafkaConnection before = connection(firstLog);
      await("scoring under way").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200))
          .until(() -> scores(before).total() >= TEXTS * 3);
      first.destroyForcibly(); // SIGKILL: broker, aggregator and scorer stop mid-task, nothing committed after
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

      Path secondLog = dir.resolve("second.log");
      Process second = demo(data, secondLog, true, children);
      KafkaConnection after = connection(secondLog);
      Counts scoredBefore = scores(after);
      await("the rerun maps every model").atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(1))
          .until(() -> Files.readString(secondLog).contains("Serving") || !second.isAlive());
      assertThat(second.isAlive()).as(Files.readString(secondLog)).isTrue();
      await("every score task done, the rerun's too").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
          .until(() -> tasksDone(after.bootstrapServers()));

      Counts texts = scores(after);
      Counts answers = answers(after);
      System.out.printf("restart: %d text scores before the restart; after it %d text scores for %d (model, text),"
          + " %d repeated; %d answers for %d (model, item), %d repeated%n", scoredBefore.total(), texts.total(),
          texts.distinct(), texts.repeated(), answers.total(), answers.distinct(), answers.repeated());
      assertThat(texts.distinct()).as("every text of every model scored").isEqualTo(MODELS * TEXTS);
      assertThat(answers.distinct()).as("every item of every model answered").isEqualTo(MODELS * ITEMS);
      assertThat(texts.repeated()).as("texts scored again after the restart").isZero();
      assertThat(answers.repeated()).as("items answered again after the restart").isZero();
      assertRouterRanksTheZoo(secondLog);
    } finally {
      for (Process child : children) {
        child.destroy();
        if (!child.waitFor(30, TimeUnit.SECONDS)) {
          child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
      }
    }
  }

  /**
   * Issue 29: the demo's router trains (it needs 50 answered questions; the demo used to publish 40 and
   * /api/route said answers were missing), then ranks all ten models for a published item.
   */
  private static void assertRouterRanksTheZoo(Path log) throws Exception {
    Matcher serving = DASHBOARD.matcher(Files.readString(log));
    assertThat(serving.find()).as(Files.readString(log)).isTrue();
    String url = serving.group(1) + (serving.group(1).endsWith("/") ? "" : "/")
        + "api/route?item=demo-continuation/c007";
    HttpClient http = HttpClient.newHttpClient();
    AtomicReference<HttpResponse<String>> route = new AtomicReference<>();
    await("the router trained").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      route.set(http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()));
      return route.get().statusCode() != 404;
    });
    assertThat(route.get().statusCode()).as(route.get().body()).isEqualTo(200);
    JsonNode body = new ObjectMapper().readTree(route.get().body());
    assertThat(body.path("models")).hasSize(MODELS);
    assertThat(body.path("best").asText()).startsWith("modelmap-demo/")
        .isEqualTo(body.path("models").get(0).path("modelId").asText());
  }

  /** How many (model, text) or (model, item) results a topic holds, and how many of them are repeats. */
  private record Counts(long total, long distinct) {
    long repeated() {
      return total - distinct;
    }
  }

  private static Counts scores(KafkaConnection connection) {
    AtomicLong total = new AtomicLong();
    Set<String> distinct = new HashSet<>();
    new TopicReader(connection).readAll(connection.topics().textScores(), (model, record) -> {
      for (TextScore score : record.getScores()) {
        total.incrementAndGet();
        distinct.add(record.getModelId() + "\0" + record.getCorpusId() + "\0" + score.getTextId());
      }
    });
    return new Counts(total.get(), distinct.size());
  }

  private static Counts answers(KafkaConnection connection) {
    AtomicLong total = new AtomicLong();
    Set<String> distinct = new HashSet<>();
    new TopicReader(connection).readAll(connection.topics().mcAnswers(), (model, record) -> {
      for (McAnswer answer : record.getAnswers()) {
        total.incrementAndGet();
        distinct.add(record.getModelId() + "\0" + record.getBenchmarkId() + "\0" + answer.getItemId());
      }
    });
    return new Counts(total.get(), distinct.size());
  }

  /** Whether the scorer group has committed every task published so far. */
  private static boolean tasksDone(String bootstrap) throws Exception {
    TopicPartition tasks = new TopicPartition("score-tasks", 0);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      OffsetAndMetadata committed = admin.listConsumerGroupOffsets("modelmap-scorer").partitionsToOffsetAndMetadata()
          .get().get(tasks);
      long end = admin.listOffsets(Map.of(tasks, OffsetSpec.latest())).partitionResult(tasks).get().offset();
      return committed != null && committed.offset() >= end;
    }
  }

  private static KafkaConnection connection(Path log) {
    Matcher[] found = new Matcher[1];
    await("the embedded broker started").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          Matcher m = BROKER.matcher(Files.exists(log) ? Files.readString(log) : "");
          found[0] = m;
          return m.find();
        });
    return KafkaConnection.of(found[0].group(1), found[0].group(2));
  }

  private static Process demo(Path data, Path log, boolean serve, List<Process> children) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", System.getProperty("java.class.path"), "io.modelmap.cli.ModelMapCli", "demo",
        "--texts", String.valueOf(TEXTS), "--data-dir", data.toString(), "--api-port", "0"));
    if (serve) {
      command.add("--serve");
    }
    Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    children.add(child);
    return child;
  }
}
