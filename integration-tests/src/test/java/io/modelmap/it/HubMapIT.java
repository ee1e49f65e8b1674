package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.cli.ModelMapCli;
import io.modelmap.cli.runtime.EmbeddedSystem;
import io.modelmap.hub.HubClient;
import io.modelmap.hub.HubSettings;
import io.modelmap.producer.corpus.CorpusBuilder;
import io.modelmap.producer.corpus.CorpusPublisher;
import io.modelmap.producer.corpus.CorpusSpec;
import io.modelmap.producer.corpus.CorpusText;
import io.modelmap.producer.corpus.DemoCorpus;
import io.modelmap.producer.fanout.ModelOnboarding;
import io.modelmap.producer.fanout.TaskFanout;
import io.modelmap.kafka.Publisher;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.scorer.worker.HubCheckpoints;
import io.modelmap.scorer.worker.ScorerConfig;
import io.modelmap.scorer.worker.ScorerMetrics;
import io.modelmap.scorer.worker.ScorerWorker;
import io.modelmap.testsupport.hub.StandInHub;
import io.modelmap.testsupport.hub.TinyLlama;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models straight from the Hub: {@code map} and {@code register} with a Hub id, {@code HF_ENDPOINT} pointing at the
 * hub module's stand-in on loopback and {@code HF_HOME} in a temporary folder (given to the command line, the JVM's
 * environment untouched), and a worker fetching {@code hf://} sources into its own cache.
 */
class HubMapIT {
  private static final Path FIXTURES = Path.of("../scorer-worker/src/test/resources/fixtures").toAbsolutePath();

  @TempDir
  Path dir;
  @RegisterExtension
  final StandInHub hub = new StandInHub();

  private Map<String, String> environment(String... more) {
    Map<String, String> env = new HashMap<>(Map.of("HF_HOME", dir.resolve("hf").toString(), "HF_ENDPOINT",
        hub.endpoint()));
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  @Test
  void shouldMapAHubModelLikeTheSameCheckpointFromAFolderThenFromTheCacheOffline() throws Exception {
    Path corpus = writeCorpus();
    Run first = run(environment(), "map", "--corpus", corpus.toString(), "--min-bytes", "1", "--device", "cpu",
        "--data-dir", dir.resolve("data1").toString(), "--export-to", dir.resolve("out1").toString(), "--api-port", "0",
        "--model", "org/tiny@main", "--model", "local/tiny=" + FIXTURES.resolve("llama"));

    assertThat(first.exit()).as(first.output()).isZero();
    assertThat(first.output()).contains("org/tiny@main: commit " + hub.commit() + ", downloaded 3 of 3 files")
        .containsPattern("model\\.safetensors: 142\\.2 kB of 142\\.2 kB, ");
    Map<String, double[]> l = logLikelihoods(dir.resolve("out1"));
    assertThat(l.get("org/tiny")).hasSize(l.get("local/tiny").length).isNotEmpty();
    for (int t = 0; t < l.get("org/tiny").length; t++) {
      assertThat(l.get("org/tiny")[t]).isCloseTo(l.get("local/tiny")[t], within(1e-9));
    }
    assertThat(ExportedCsv.rows(dir.resolve("out1/models.csv"))).anySatisfy(row ->
        assertThat(List.of(row)).startsWith("org/tiny").endsWith("hf://org/tiny", hub.commit()));
    Path snapshot = dir.resolve("hf/hub/models--org--tiny/snapshots/" + hub.commit());
    assertThat(Files.isSymbolicLink(snapshot.resolve("model.safetensors"))).isTrue();
    assertThat(Files.readString(dir.resolve("hf/hub/models--org--tiny/refs/main"))).isEqualTo(hub.commit());

    hub.clearRequests();
    Run offline = run(environment("HF_HUB_OFFLINE", "1"), "map", "--corpus", corpus.toString(), "--min-bytes", "1",
        "--device", "cpu", "--data-dir", dir.resolve("data2").toString(), "--export-to", dir.resolve("out2").toString(),
        "--api-port", "0", "--model", "org/tiny@main");

    assertThat(offline.exit()).as(offline.output()).isZero();
    assertThat(offline.output()).contains("org/tiny@main: commit " + hub.commit() + ", from the cache");
    assertThat(hub.requests()).as("requests to the Hub while HF_HUB_OFFLINE=1").isEmpty();
    assertThat(logLikelihoods(dir.resolve("out2")).get("org/tiny")).containsExactly(l.get("org/tiny"));
  }

  @Test
  void shouldScoreTheRegisteredCommitAfterTheBranchMovedRefuseReRegisteringItAndDeadLetterAGatedSource() throws Exception {
    try (EmbeddedSystem system = EmbeddedSystem.start(dir.resolve("system"),
        new PrintStream(OutputStream.nullOutputStream()), 0)) {
      List<CorpusText> corpus = new CorpusBuilder(new CorpusSpec(256, 64, 6, 1)).build(DemoCorpus.documents(3, 5));
      try (Publisher publisher = new Publisher(system.connection())) {
        new CorpusPublisher(publisher, system.connection().topics().corpusTexts()).publish("c", corpus);
        publisher.flush();
      }
      String[] register = {"register", "--bootstrap-servers", system.connection().bootstrapServers(),
          "--schema-registry-url", system.connection().schemaRegistryUrl(), "--model", "org/tiny@main",
          "--corpus-id", "c"};
      assertThat(run(environment(), register).exit()).isZero();
      Map<String, byte[]> moved = new LinkedHashMap<>();
      for (String file : List.of("config.json", "tokenizer.json", "model.safetensors")) {
        moved.put(file, Files.readAllBytes(FIXTURES.resolve("gemma2").resolve(file)));
      }
      String newCommit = hub.repo("org/tiny").push(moved); // main moves after the registration

      Run again = run(environment(), register);
      assertThat(again.exit()).isEqualTo(2);
      assertThat(again.output().lines().filter(line -> line.startsWith("modelmap register:"))).containsExactly(
          "modelmap register: model org/tiny is already registered from"
          + " hf://org/tiny at commit " + hub.commit() + "; to map commit " + newCommit + " beside it, register --model"
          + " org/tiny@" + newCommit);

      // a gated model registered at its commit (as a token holder would), one task; this worker has no token
      String gatedCommit = hub.repo("org/gated").push(TinyLlama.files());
      hub.repo("org/gated").gate("hf_secret");
      try (Publisher publisher = new Publisher(system.connection())) {
        new ModelOnboarding(publisher, system.connection().topics(), new TaskFanout(1000)).onboard(ModelRegistered
            .newBuilder().setModelId("org/gated").setSourceUri("hf://org/gated").setRevision(gatedCommit)
            .setCorpusId("c").build(), corpus.stream().map(CorpusText::textId).toList(), Map.of());
        publisher.flush();
      }
      hub.clearRequests();
      HubSettings workerCache = new HubSettings(dir.resolve("worker"), dir.resolve("worker/hub"), hub.endpoint(),
          Optional.empty(), false);
      ScorerWorker worker = new ScorerWorker(system.connection(), new ScorerConfig("scorers", "w1",
          List.of(dir.resolve("no-local-models")), 4), Clock.systemUTC(), new ScorerMetrics(),
          new HubCheckpoints(HubClient.builder(workerCache).build()));
      Thread thread = new Thread(worker, "scorer");
      thread.start();
      try {
        JsonNode gated = awaitStatus(system, "org%2Fgated", "refused");
        assertThat(gated.path("failure").path("reason").asText()).isEqualTo("source-refused");
        assertThat(gated.path("failure").path("message").asText()).contains("org/gated").contains("HF_TOKEN");
        assertThat(hub.requests()).as("a refusal is not retried").filteredOn(r -> r.path().contains("org/gated"))
            .hasSize(1);
        JsonNode model = awaitStatus(system, "org%2Ftiny", "complete");
        assertThat(model.path("revision").asText()).isEqualTo(hub.commit());
        assertThat(model.path("sourceUri").asText()).isEqualTo("hf://org/tiny");
      } finally {
        worker.close();
        thread.join();
      }
      String newWeights = sha256(moved.get("model.safetensors"));
      assertThat(hub.requests()).as("nothing of the new commit fetched").isNotEmpty().noneMatch(r ->
          r.path().contains(newCommit) || r.path().contains(newWeights) || r.path().endsWith("/revision/main"));
      assertThat(Files.readAllBytes(dir.resolve("worker/hub/models--org--tiny/snapshots/" + hub.commit()
          + "/model.safetensors"))).isEqualTo(TinyLlama.files().get("model.safetensors"));
    }
  }

  @Test
  void shouldFailFastWithOneLineForAGatedModelWithoutAToken() throws Exception {
    hub.repo("org/gated").push(TinyLlama.files());
    hub.repo("org/gated").gate("hf_secret");

    Run gated = run(environment(), "map", "--corpus", writeCorpus().toString(), "--min-bytes", "1", "--device", "cpu",
        "--data-dir", dir.resolve("data").toString(), "--api-port", "0", "--model", "org/gated");

    assertThat(gated.exit()).isEqualTo(1);
    List<String> errors = gated.output().lines().filter(line -> line.startsWith("modelmap map:")).toList();
    assertThat(errors).singleElement().asString().contains("org/gated").contains("HF_TOKEN");
    assertThat(gated.output()).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(hub.requests()).as("no retry of a refusal").hasSize(1);
    assertThat(dir.resolve("data")).as("nothing started").doesNotExist();
  }

  private record Run(int exit, String output) {
  }

  private static Run run(Map<String, String> environment, String... args) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    int exit;
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
      exit = ModelMapCli.commandLine(environment).execute(args);
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
    String output = printed.toString(StandardCharsets.UTF_8);
    originalOut.print(output);
    return new Run(exit, output);
  }

  private static JsonNode awaitStatus(EmbeddedSystem system, String encodedId, String status) {
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    JsonNode[] model = new JsonNode[1];
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      model[0] = json.readTree(http.send(HttpRequest.newBuilder(URI.create(system.dashboardUrl() + "api/models/"
          + encodedId)).build(), HttpResponse.BodyHandlers.ofString()).body());
      assertThat(model[0].path("status").asText()).isEqualTo(status);
    });
    return model[0];
  }

  /** Model id → its row of L.csv. */
  private static Map<String, double[]> logLikelihoods(Path out) throws Exception {
    Map<String, double[]> rows = new HashMap<>();
    for (String[] row : ExportedCsv.rows(out.resolve("L.csv"))) {
      double[] values = new double[row.length - 1];
      for (int i = 1; i < row.length; i++) {
        values[i - 1] = Double.parseDouble(row[i]);
      }
      rows.put(row[0], values);
    }
    return rows;
  }

  /** The fixtures' texts as a Pile JSONL corpus. */
  private Path writeCorpus() throws Exception {
    JsonNode expected = new ObjectMapper().readTree(FIXTURES.resolve("llama/expected.json").toFile());
    List<String> texts = new ArrayList<>();
    expected.get("texts").forEach(t -> texts.add(t.asText()));
    Path file = dir.resolve("corpus.jsonl");
    StringBuilder lines = new StringBuilder();
    for (String text : texts) {
      var record = new ObjectMapper().createObjectNode().put("text", text);
      record.putObject("meta").put("pile_set_name", "Pile-CC");
      lines.append(record).append('\n');
    }
    Files.writeString(file, lines.toString());
    return file;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
