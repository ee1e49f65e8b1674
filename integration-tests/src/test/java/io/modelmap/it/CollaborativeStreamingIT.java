package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.cli.ModelMapCli;
import io.modelmap.cli.runtime.EmbeddedSystem;
import io.modelmap.formats.csv.CsvFiles;
import io.modelmap.kafka.Publisher;
import io.modelmap.kafka.TopicReader;
import io.modelmap.producer.registration.ModelRegistrar;
import io.modelmap.schemas.avro.ModelRegistered;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Collaborative prediction and model embeddings streaming on a real broker. The CPP paper's 72 × 29
 * scores with its model and task factors go in through {@code import-benchmarks} and
 * {@code import-scores --models}, one model held back; once the fit is in, the held-back model is
 * registered with its factors alone and its predictions are served within seconds, with no refit
 * (prediction-quality gets no new record). Then 28 real models' answers to 400 MMLU-Pro questions train
 * the embeddings; the 29th model's answers arrive later and its embedding is folded in, with no
 * retraining, and the router ranks all 29.
 */
class CollaborativeStreamingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Path CPP = Path.of("../formats/src/test/resources/data/cpp");
  private static final Path MMLU = Path.of("../aggregator/src/test/resources/data/mmlu-pro-400");
  private static final String HELD_BACK = "LLama-2-70B";

  @TempDir
  Path dir;

  @Test
  void aNewModelIsPredictedFromItsFactorsAndFoldedInWithoutARefit() throws Exception {
    try (EmbeddedSystem system = EmbeddedSystem.start(dir.resolve("data"), new PrintStream(OutputStream.nullOutputStream()), 0)) {
      String base = system.dashboardUrl();
      String[] cluster = {"--bootstrap-servers", system.connection().bootstrapServers(), "--schema-registry-url",
          system.connection().schemaRegistryUrl()};
      Map<String, Map<String, Double>> truth = writeCppInputs();
      assertThat(cli("import-benchmarks", cluster, "--benchmarks", dir.resolve("benchmarks.csv").toString())).isZero();
      assertThat(cli("import-scores", cluster, "--scores", dir.resolve("scores.csv").toString(), "--models",
          dir.resolve("models.csv").toString())).isZero();
      await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
          .until(() -> cppEntries(getJson(base + "api/predictions/" + encode("LLama-2-7B"))) == truth.size());
      int fits = cppQualityRecords(system);
      assertThat(fits).as("quality of every benchmark with 3 or more scores").isGreaterThan(20);

      long registered = System.nanoTime();
      try (Publisher publisher = new Publisher(system.connection())) {
        new ModelRegistrar(publisher, system.connection().topics().modelRegistered()).register(ModelRegistered
            .newBuilder().setModelId(HELD_BACK).setSourceUri("imported:models.csv").setCorpusId("scores-only")
            .setFamily("LLama-2").setModelType("imported").setParameterCount(70_000_000_000L)
            .setLabels(Map.of("Finetuning", "No", "Context window", "4096")).build());
        publisher.flush();
      }
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .until(() -> cppEntries(getJson(base + "api/predictions/" + encode(HELD_BACK))) == truth.size());
      double seconds = (System.nanoTime() - registered) / 1e9;
      JsonNode predicted = getJson(base + "api/predictions/" + encode(HELD_BACK));
      double error = 0;
      double baseline = 0;
      int known = 0;
      for (JsonNode p : predicted.get("predictions")) {
        Double actual = truth.get(p.get("benchmarkId").asText()).get(HELD_BACK);
        if ("cpp".equals(p.get("method").asText()) && actual != null) {
          error += Math.abs(p.get("predicted").asDouble() - actual);
          baseline += Math.abs(mean(truth.get(p.get("benchmarkId").asText())) - actual);
          known++;
        }
      }
      System.out.printf("CPP-0 on the real broker: %s predicted from its factors %.2f s after registration; mean"
          + " absolute error %.2f points over its %d known scores, against %.2f for the benchmarks' means%n",
          HELD_BACK, seconds, error / known, known, baseline / known);
      assertThat(error).as("from its factors against the benchmark means").isLessThan(baseline);
      Thread.sleep(8_000); // past the debounce and a punctuation: a refit would have published its quality by now
      assertThat(cppQualityRecords(system)).as("a registration without scores refits nothing").isEqualTo(fits);

      writeAnswerTables();
      assertThat(cli("import-items", cluster, "--items", MMLU.resolve("items.jsonl.gz").toString(), "--benchmark-id",
          "mmlu-pro")).isZero();
      assertThat(cli("import-answers", cluster, "--answers", dir.resolve("answers-early.csv").toString(),
          "--benchmark-id", "mmlu-pro")).isZero();
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
          .until(() -> getJson(base + "api/embeddings").size() == 28);
      long answered = System.nanoTime();
      assertThat(cli("import-answers", cluster, "--answers", dir.resolve("answers-late.csv").toString(),
          "--benchmark-id", "mmlu-pro")).isZero();
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .until(() -> getJson(base + "api/embeddings").size() == 29);
      double foldInSeconds = (System.nanoTime() - answered) / 1e9;
      JsonNode embeddings = getJson(base + "api/embeddings");
      double heldOut = 0;
      for (JsonNode e : embeddings) {
        boolean late = e.get("modelId").asText().equals(lateModel());
        assertThat(e.get("method").asText()).as(e.get("modelId").asText()).isEqualTo(late ? "fold-in" : "retrained");
        assertThat(e.get("trainingVersion").asInt()).as("no retraining").isEqualTo(1);
        if (late) {
          System.out.printf("EmbedLLM fold-in on the real broker: %s embedded %.2f s after its answers were published;"
              + " held-out correctness accuracy %.3f%n", lateModel(), foldInSeconds, e.get("heldOutAccuracy").asDouble());
        } else {
          heldOut += e.get("heldOutAccuracy").asDouble() / 28;
        }
      }
      System.out.printf("  the 28 trained embeddings' mean held-out correctness accuracy %.3f%n", heldOut);
      JsonNode route = getJson(base + "api/route?item=" + encode("mmlu-pro/70"));
      assertThat(route.get("models")).hasSize(10);
      assertThat(route.get("best").asText()).isEqualTo(route.get("models").get(0).get("modelId").asText());
      JsonNode byText = getJson(base + "api/route?max=50&question=" + encode("What is the derivative of x² at x = 3?"));
      assertThat(byText.get("models")).hasSize(29);
      assertThat(status(base + "api/route")).isEqualTo(400);
    }
  }

  private static int cli(String command, String[] cluster, String... args) {
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(List.of(cluster));
    all.addAll(List.of(args));
    return ModelMapCli.commandLine().execute(all.toArray(String[]::new));
  }

  /** benchmarks.csv, models.csv and scores.csv from the paper's tables, without the held-back model; the truth. */
  private Map<String, Map<String, Double>> writeCppInputs() throws Exception {
    List<String> tasks = CsvFiles.header(CPP.resolve("crowdsource_performance.csv"));
    tasks = tasks.subList(1, tasks.size());
    Map<String, Map<String, Double>> truth = new HashMap<>();
    tasks.forEach(t -> truth.put(t, new HashMap<>()));
    List<String> header = new ArrayList<>(List.of("model_id"));
    header.addAll(tasks);
    try (CSVPrinter scores = CsvFiles.writer(dir.resolve("scores.csv"), header)) {
      for (CSVRecord r : CsvFiles.read(CPP.resolve("crowdsource_performance.csv"))) {
        List<String> row = new ArrayList<>(List.of(r.get(0)));
        for (int t = 0; t < tasks.size(); t++) {
          String cell = r.get(t + 1).trim();
          row.add(cell);
          if (!cell.isEmpty()) {
            truth.get(tasks.get(t)).put(r.get(0), Double.parseDouble(cell));
          }
        }
        if (!r.get(0).equals(HELD_BACK)) {
          scores.printRecord(row);
        }
      }
    }
    try (CSVPrinter models = CsvFiles.writer(dir.resolve("models.csv"),
        List.of("model_id", "family", "type", "parameters", "Finetuning", "Context window"))) {
      for (CSVRecord r : CsvFiles.read(CPP.resolve("model_feature.csv"))) {
        String size = r.get("Parameter Size(M)").trim();
        if (!r.get(0).equals(HELD_BACK)) {
          models.printRecord(r.get(0), r.get("family"), "imported", size.isEmpty() ? "" : size + "M", r.get("Finetuning"),
              r.get("Context window"));
        }
      }
    }
    List<CSVRecord> factors = CsvFiles.read(CPP.resolve("benchmark_feature.csv")); // one row per factor
    try (CSVPrinter benchmarks = CsvFiles.writer(dir.resolve("benchmarks.csv"),
        List.of("benchmark_id", "ability", "family", "output_format", "shots"))) {
      for (int t = 0; t < tasks.size(); t++) {
        List<String> row = new ArrayList<>(List.of(tasks.get(t)));
        for (CSVRecord factor : factors) {
          row.add(factor.get(t + 1).trim());
        }
        row.set(4, row.get(4).replaceAll("[^0-9]", "").isEmpty() ? "" : row.get(4).replaceAll("[^0-9].*", ""));
        benchmarks.printRecord(row);
      }
    }
    return truth;
  }

  private static String lateModel() throws Exception {
    List<String> header = CsvFiles.header(MMLU.resolve("answers.csv"));
    return header.get(header.size() - 1);
  }

  /** The MMLU-Pro answer table split: every model but the last, and the last alone. */
  private void writeAnswerTables() throws Exception {
    List<String> lines = Files.readAllLines(MMLU.resolve("answers.csv"), StandardCharsets.UTF_8);
    List<String> early = new ArrayList<>();
    List<String> late = new ArrayList<>();
    for (String line : lines) {
      int last = line.lastIndexOf(',');
      early.add(line.substring(0, last));
      String[] cells = line.split(",", -1);
      late.add(String.join(",", cells[0], cells[1], cells[2], cells[3], cells[cells.length - 1]));
    }
    Files.write(dir.resolve("answers-early.csv"), early, StandardCharsets.UTF_8);
    Files.write(dir.resolve("answers-late.csv"), late, StandardCharsets.UTF_8);
  }

  private static int cppQualityRecords(EmbeddedSystem system) {
    AtomicInteger count = new AtomicInteger();
    new TopicReader(system.connection()).readAll(system.connection().topics().predictionQuality(), (key, value) -> {
      if ("cpp".equals(value.getMethod().toString())) {
        count.incrementAndGet();
      }
    });
    return count.get();
  }

  private static int cppEntries(JsonNode predictions) {
    int n = 0;
    if (predictions != null && predictions.has("predictions")) {
      for (JsonNode p : predictions.get("predictions")) {
        n += "cpp".equals(p.get("method").asText()) ? 1 : 0;
      }
    }
    return n;
  }

  private static double mean(Map<String, Double> byModel) {
    return byModel.entrySet().stream().filter(e -> !e.getKey().equals(HELD_BACK)).mapToDouble(Map.Entry::getValue)
        .average().orElseThrow();
  }

  private static String encode(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static int status(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static JsonNode getJson(String url) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
  }
}
