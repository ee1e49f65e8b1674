package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.cli.runtime.EmbeddedSystem;
import io.modelmap.cli.transfer.AnswerImporter;
import io.modelmap.cli.transfer.MatrixImporter;
import io.modelmap.kafka.Publisher;
import io.modelmap.schemas.avro.HubDecision;
import io.modelmap.schemas.avro.HubDecisionKind;
import io.modelmap.math.BatchReference;
import io.modelmap.math.KlDivergence;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint of the query API on the embedded default (real broker, Streams views, real HTTP):
 * five imported complete models, one still being scored, and answers for three of them.
 */
class QueryApiIT {
  private static final int N = 120;
  // Hugging Face ids (one with @revision) beside a plain name
  private static final List<String> COMPLETE = List.of("acme/m-a", "acme/m-a-ft@v2", "meta-llama/Llama-3.2-1B",
      "meta-llama/Llama-3.2-1B-Instruct", "m-c");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  static Path dir;
  static EmbeddedSystem system;
  static String base;
  static double[][] l;

  @BeforeAll
  static void importData() throws Exception {
    system = EmbeddedSystem.start(dir.resolve("system"), new PrintStream(OutputStream.nullOutputStream()), 0);
    base = system.dashboardUrl();
    Random random = new Random(9);
    l = new double[COMPLETE.size()][N];
    for (int s = 0; s < N; s++) {
      double a = -800 - 200 * random.nextDouble();
      double b = -800 - 200 * random.nextDouble();
      double c = -800 - 200 * random.nextDouble();
      l[0][s] = a;
      l[1][s] = a - 3 + random.nextGaussian();
      l[2][s] = b;
      l[3][s] = b - 2 + random.nextGaussian();
      l[4][s] = c;
    }
    StringBuilder texts = new StringBuilder("text_id,category,bytes\n");
    StringBuilder matrix = new StringBuilder("model_id");
    for (int s = 0; s < N; s++) {
      texts.append("t").append(s).append(',').append(s % 3 == 0 ? "code" : "prose").append(',').append(600 + s).append('\n');
      matrix.append(",t").append(s);
    }
    matrix.append('\n');
    for (int i = 0; i < COMPLETE.size(); i++) {
      matrix.append(COMPLETE.get(i));
      for (double v : l[i]) {
        matrix.append(',').append(v);
      }
      matrix.append('\n');
    }
    matrix.append("openai-community/gpt2-partial");
    for (int s = 0; s < N; s++) {
      matrix.append(',').append(s < N / 2 ? Double.toString(l[0][s] - 1) : "");
    }
    matrix.append('\n');
    Files.writeString(dir.resolve("texts.csv"), texts);
    Files.writeString(dir.resolve("L.csv"), matrix);
    Files.writeString(dir.resolve("answers.csv"), String.join("\n",
        "question_id,category,n_choices,gold_index,acme/m-a,acme/m-a-ft@v2,meta-llama/Llama-3.2-1B",
        "1,x,4,0,0,0,1", "2,x,4,1,2,2,3", "3,x,3,2,2,1,1", "4,x,4,3,0,0,0", ""));
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    new MatrixImporter(system.connection(), quiet, Clock.systemUTC())
        .importMatrix(dir.resolve("L.csv"), dir.resolve("texts.csv"), "c1");
    new AnswerImporter(system.connection(), quiet).importAnswers(dir.resolve("answers.csv"), "bench");
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
      JsonNode map = get("/api/map").body();
      JsonNode agreement = get("/api/agreement").body();
      // accuracy and partners follow the pairs on the 2 s punctuation: wait for those of the judge too
      return map.path("points").size() == COMPLETE.size() && agreement.size() == 3
          && get("/api/models/openai-community/gpt2-partial").body().path("textsScored").asInt() == N / 2
          && get("/api/models/acme/m-a").body().path("mostCorrelated").size() > 0
          && get("/api/models/meta-llama/Llama-3.2-1B").body().hasNonNull("accuracy");
    });
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  private record Response(int status, JsonNode body) {}

  private static Response get(String path) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path.substring(1))).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), JSON.readTree(response.body()));
  }

  @Test
  void listsEveryModelWithItsStatus() throws Exception {
    Response models = get("/api/models");
    assertThat(models.status()).isEqualTo(200);
    List<String> statuses = new ArrayList<>();
    models.body().forEach(m -> statuses.add(m.get("modelId").asText() + ":" + m.get("status").asText()));
    assertThat(statuses).containsExactly("acme/m-a:complete", "acme/m-a-ft@v2:complete", "m-c:complete",
        "meta-llama/Llama-3.2-1B:complete", "meta-llama/Llama-3.2-1B-Instruct:complete",
        "openai-community/gpt2-partial:scoring");
    JsonNode first = models.body().get(0);
    assertThat(first.get("modelType").asText()).isEqualTo("imported");
    assertThat(first.get("accuracy").asDouble()).isEqualTo(0.5);
    assertThat(first.get("primaryCategory").asText()).isIn("code", "prose");
  }

  @Test
  void oneModelHasItsNeighboursAsTheBatchReferenceAndItsAgreementPartners() throws Exception {
    Response model = get("/api/models/acme/m-a");
    assertThat(model.status()).isEqualTo(200);
    JsonNode neighbors = model.body().get("neighbors");
    assertThat(neighbors.get(0).get("modelId").asText()).isEqualTo("acme/m-a-ft@v2");
    BatchReference ref = BatchReference.of(l);
    assertThat(neighbors.get(0).get("klNats").asDouble()).isCloseTo(ref.klNats(0, 1),
        org.assertj.core.api.Assertions.within(1e-9 * ref.klNats(0, 1)));
    assertThat(model.body().get("neighborsProvisional").asBoolean()).isFalse();
    assertThat(model.body().get("mostCorrelated").get(0).get("modelId").asText()).isEqualTo("acme/m-a-ft@v2");
  }

  @Test
  void aModelMidScoringHasProgressAndProvisionalNeighboursButNoKl() throws Exception {
    Response partial = get("/api/models/openai-community/gpt2-partial");
    assertThat(partial.status()).isEqualTo(200);
    assertThat(partial.body().get("status").asText()).isEqualTo("scoring");
    assertThat(partial.body().get("corpusSize").asInt()).isEqualTo(N);
    assertThat(partial.body().get("neighborsProvisional").asBoolean()).isTrue();
    assertThat(partial.body().get("neighbors").get(0).get("modelId").asText()).isEqualTo("acme/m-a");
    assertThat(partial.body().get("neighbors").get(0).get("overlap").asInt()).isEqualTo(N / 2);
    assertThat(get("/api/kl?a=openai-community/gpt2-partial&b=acme/m-a").status()).isEqualTo(409);
  }

  @Test
  void aHuggingFaceIdIsFoundRawAndUrlEncoded() throws Exception {
    Response raw = get("/api/models/meta-llama/Llama-3.2-1B");
    Response encoded = get("/api/models/meta-llama%2FLlama-3.2-1B");
    Response withRevision = get("/api/models/acme%2Fm-a-ft%40v2");
    assertThat(raw.status()).isEqualTo(200);
    assertThat(raw.body().get("modelId").asText()).isEqualTo("meta-llama/Llama-3.2-1B");
    assertThat(encoded.body()).isEqualTo(raw.body());
    assertThat(withRevision.body().get("modelId").asText()).isEqualTo("acme/m-a-ft@v2");
    Response unknown = get("/api/models/meta-llama/Llama-3.2-1B-nope");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().get("error").asText()).contains("'meta-llama/Llama-3.2-1B-nope'");
  }

  @Test
  void thePublicPortServesNoInternalViews() throws Exception {
    Response internal = get("/internal/views/view-registered");
    assertThat(internal.status()).isEqualTo(404);
    assertThat(internal.body().get("error").asText()).contains("their own port");
  }

  @Test
  void theMapHasEveryCompleteModel() throws Exception {
    Response map = get("/api/map");
    assertThat(map.status()).isEqualTo(200);
    assertThat(map.body().get("mapMethod").asText()).isEqualTo("pca");
    List<String> ids = new ArrayList<>();
    map.body().get("points").forEach(p -> ids.add(p.get("modelId").asText()));
    assertThat(ids).containsExactlyElementsOf(COMPLETE.stream().sorted().toList());
    assertThat(get("/api/map?corpus=elsewhere").status()).isEqualTo(404);
  }

  @Test
  void pairwiseKlEqualsTheBatchReference() throws Exception {
    Response kl = get("/api/kl?a=meta-llama/Llama-3.2-1B&b=m-c");
    assertThat(kl.status()).isEqualTo(200);
    double expected = BatchReference.of(l).klNats(2, 4);
    assertThat(kl.body().get("klNats").asDouble()).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-9 * expected));
    double meanBytes = 600 + (N - 1) / 2.0;
    assertThat(kl.body().get("klBitsPerByte").asDouble())
        .isCloseTo(KlDivergence.toBitsPerByte(expected, meanBytes), org.assertj.core.api.Assertions.within(1e-9));
    assertThat(get("/api/kl?a=meta-llama/Llama-3.2-1B").status()).isEqualTo(400);
    assertThat(get("/api/kl?a=meta-llama/Llama-3.2-1B&b=nope").status()).isEqualTo(404);
  }

  @Test
  void agreementTableAndJudgeInflation() throws Exception {
    Response agreement = get("/api/agreement");
    assertThat(agreement.body()).hasSize(3);
    JsonNode pair = null;
    for (JsonNode p : agreement.body()) {
      if (p.get("modelA").asText().equals("acme/m-a") && p.get("modelB").asText().equals("acme/m-a-ft@v2")) {
        pair = p;
      }
    }
    assertThat(pair).isNotNull();
    assertThat(pair.get("items").asInt()).isEqualTo(4);
    assertThat(pair.get("same").asInt()).isEqualTo(3);
    Response judge = get("/api/agreement/judge/acme/m-a");
    assertThat(judge.status()).isEqualTo(200);
    JsonNode ft = judge.body().get("models").get(0);
    assertThat(ft.get("modelId").asText()).isEqualTo("acme/m-a-ft@v2");
    assertThat(ft.get("judgedAccuracy").asDouble()).isEqualTo(0.75);
    assertThat(ft.get("trueAccuracy").asDouble()).isEqualTo(0.25);
    assertThat(get("/api/agreement/judge/m-c").status()).isEqualTo(404);
  }

  @Test
  void unknownThingsAre404WithAHint() throws Exception {
    Response model = get("/api/models/nope");
    assertThat(model.status()).isEqualTo(404);
    assertThat(model.body().get("error").asText()).contains("/api/models");
    assertThat(get("/api/nothing").status()).isEqualTo(404);
  }

  @Test
  void listsTheHubWatchersLatestDecisionsNewestFirst() throws Exception {
    String c1 = "1".repeat(40);
    String c2 = "2".repeat(40);
    try (Publisher publisher = new Publisher(system.connection())) {
      var topic = system.connection().topics().hubDecisions();
      publisher.send(topic, "org/a@" + c1, HubDecision.newBuilder().setRepo("org/a").setCommit(c1)
          .setDecision(HubDecisionKind.REGISTERED).setRule("all-rules").setReason("model_type llama")
          .setModelId("org/a").setCorpusId("c1").setLastModifiedMs(10).setDecidedAtMs(1_000).build());
      publisher.send(topic, "org/big@" + c2, HubDecision.newBuilder().setRepo("org/big").setCommit(c2)
          .setDecision(HubDecisionKind.SKIPPED).setRule("max-parameters").setReason("5000 parameters, more than 1000")
          .setLastModifiedMs(20).setDecidedAtMs(2_000).build());
      publisher.flush();
    }
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300))
        .until(() -> get("/api/hub-decisions").body().size() == 2);

    JsonNode decisions = get("/api/hub-decisions").body();
    assertThat(decisions.get(0).get("repo").asText()).isEqualTo("org/big");
    assertThat(decisions.get(0).get("commit").asText()).isEqualTo(c2);
    assertThat(decisions.get(0).get("decision").asText()).isEqualTo("skipped");
    assertThat(decisions.get(0).get("rule").asText()).isEqualTo("max-parameters");
    assertThat(decisions.get(0).get("reason").asText()).isEqualTo("5000 parameters, more than 1000");
    assertThat(decisions.get(0).get("decidedAtMs").asLong()).isEqualTo(2_000);
    assertThat(decisions.get(0).hasNonNull("modelId")).isFalse();
    assertThat(decisions.get(1).get("decision").asText()).isEqualTo("registered");
    assertThat(decisions.get(1).get("modelId").asText()).isEqualTo("org/a");
    assertThat(get("/api/hub-decisions?max=1").body()).hasSize(1);
    Response refused = get("/api/hub-decisions?max=0");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().get("error").asText()).isEqualTo("max must be between 1 and 1000, was 0");
  }

  @Test
  void servesItsOpenApiDescriptionAndTheDashboard() throws Exception {
    Response openapi = get("/openapi.json");
    assertThat(openapi.status()).isEqualTo(200);
    assertThat(openapi.body().get("paths").fieldNames()).toIterable()
        .contains("/api/models", "/api/models/{id}", "/api/map", "/api/kl", "/api/agreement", "/api/events");
    HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(base)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(page.body()).contains("<svg id=\"map\"").contains("map-plot.js").contains("/webjars/chart.js/");
    HttpResponse<byte[]> chartJs = HTTP.send(HttpRequest.newBuilder(URI.create(base
        + "webjars/chart.js/4.5.1/dist/chart.umd.min.js")).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(chartJs.statusCode()).isEqualTo(200);
  }

  @Test
  void exposesPrometheusMetricsAndHealth() throws Exception {
    HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(base + "metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("modelmap_aggregator_models_completed_total",
        "modelmap_aggregator_neighbour_update_latency_ms_max", "modelmap_aggregator_dead_lettered_records_total",
        "kafka_stream_thread_process_total", "jvm_memory_used_bytes");
    assertThat(get("/health").body().get("state").asText()).isEqualTo("RUNNING");
  }

  @Test
  void streamsAnUpdateEventWhenAResultIsPublished() throws Exception {
    HttpResponse<java.io.InputStream> stream = HTTP.send(HttpRequest.newBuilder(URI.create(base + "api/events")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    // analytics and predictions publish on their own schedules (a refit after 5 quiet seconds, say); the
    // answers must bring an agreement or accuracy event: the first of those is the one asserted
    CompletableFuture<String> firstEvent = CompletableFuture.supplyAsync(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          if (line.startsWith("data: ") && (line.contains("\"topic\":\"error-agreement\"")
              || line.contains("\"topic\":\"model-accuracy\""))) {
            return line.substring(6);
          }
        }
        return null;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    Thread.sleep(1000); // the broadcaster is positioned at the end of the topics
    Files.writeString(dir.resolve("more.csv"), String.join("\n", "question_id,category,n_choices,gold_index,m-c",
        "1,x,4,0,0", ""));
    new AnswerImporter(system.connection(), new PrintStream(OutputStream.nullOutputStream()))
        .importAnswers(dir.resolve("more.csv"), "bench");
    String first = firstEvent.get(60, TimeUnit.SECONDS); // times out if the answers bring no such event
    assertThat(first).as("an agreement or accuracy event before the stream ended").isNotNull();
    JsonNode event = JSON.readTree(first);
    // the event is about the model that just answered (its accuracy, or a pair that includes it)
    assertThat(event.get("key").asText()).contains("m-c");
  }
}
