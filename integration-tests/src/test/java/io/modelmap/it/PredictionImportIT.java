package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.cli.ModelMapCli;
import io.modelmap.cli.runtime.EmbeddedSystem;
import io.modelmap.math.BatchReference;
import io.modelmap.math.predict.RidgeCrossValidation;
import io.modelmap.formats.csv.CsvFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The perplexity-correlations data (89 Hugging Face models, 263 documents, their benchmark results)
 * through {@code import --models --scores --export-to} on the embedded system: the exported
 * out-of-fold and full-fit predictions equal the §5 protocol computed here on the same L, the analytics
 * equal SciPy's clustering and a leakage written here, and the restarted system's API serves them.
 */
class PredictionImportIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Path DATA = Path.of("../math/src/test/resources/data/perplexity-correlations");
  private static final List<String> BENCHMARKS = List.of("arc_easy", "piqa");

  @TempDir
  Path dir;

  private final List<String> models = new ArrayList<>();
  private final List<String> orgs = new ArrayList<>();
  private final List<String> docs = new ArrayList<>();
  private final List<double[]> rows = new ArrayList<>();
  private final Map<String, Map<String, Double>> accuracy = new HashMap<>();

  private static String[] tuple(String cell) {
    String[] parts = cell.substring(1, cell.length() - 1).split(", ");
    return new String[] {parts[0].replace("'", ""), parts[1].replace("'", "")};
  }

  private void read() throws IOException {
    List<String> header = CsvFiles.header(DATA.resolve("bpb_per_doc.csv"));
    List<CSVRecord> bpb = CsvFiles.read(DATA.resolve("bpb_per_doc.csv"));
    bpb.forEach(r -> docs.add(r.get(0)));
    for (int c = 1; c < header.size(); c++) {
      String[] t = tuple(header.get(c));
      if (models.contains(t[1])) {
        continue; // LLM360/Amber appears twice
      }
      models.add(t[1]);
      orgs.add(t[0]);
      double[] l = new double[docs.size()];
      for (int d = 0; d < docs.size(); d++) {
        l[d] = -Double.parseDouble(bpb.get(d).get(c)) * Math.log(2);
      }
      rows.add(l);
    }
    List<String> errorHeader = CsvFiles.header(DATA.resolve("error.csv"));
    for (CSVRecord r : CsvFiles.read(DATA.resolve("error.csv"))) {
      if (BENCHMARKS.contains(r.get(0))) {
        Map<String, Double> byModel = new HashMap<>();
        for (int c = 1; c < errorHeader.size(); c++) {
          byModel.put(tuple(errorHeader.get(c))[1], 1 - Double.parseDouble(r.get(c)));
        }
        accuracy.put(r.get(0), byModel);
      }
    }
  }

  private void writeInputs() throws IOException {
    List<String> lHeader = new ArrayList<>(List.of("model_id"));
    lHeader.addAll(docs);
    try (CSVPrinter l = CsvFiles.writer(dir.resolve("L.csv"), lHeader);
        CSVPrinter texts = CsvFiles.writer(dir.resolve("texts.csv"), List.of("text_id", "category", "bytes"));
        CSVPrinter meta = CsvFiles.writer(dir.resolve("models.csv"), List.of("model_id", "family", "type", "parameters"));
        CSVPrinter scores = CsvFiles.writer(dir.resolve("scores.csv"), List.of("model_id", "arc_easy", "piqa"))) {
      for (String doc : docs) {
        texts.printRecord(doc, "web", 1000);
      }
      for (int m = 0; m < models.size(); m++) {
        List<String> row = new ArrayList<>(List.of(models.get(m)));
        for (double v : rows.get(m)) {
          row.add(CsvFiles.number(v));
        }
        l.printRecord(row);
        meta.printRecord(models.get(m), orgs.get(m), "base", "");
        scores.printRecord(models.get(m), CsvFiles.number(accuracy.get("arc_easy").get(models.get(m))),
            CsvFiles.number(accuracy.get("piqa").get(models.get(m))));
      }
    }
  }

  @Test
  void importedScoresArePredictedFromTheMapAsTheProtocolSays() throws Exception {
    read();
    writeInputs();
    Path out = dir.resolve("out");
    int exit = ModelMapCli.commandLine().execute("import", "--embedded", "--data-dir", dir.resolve("data").toString(),
        "--matrix", dir.resolve("L.csv").toString(), "--texts", dir.resolve("texts.csv").toString(),
        "--models", dir.resolve("models.csv").toString(), "--scores", dir.resolve("scores.csv").toString(),
        "--corpus-id", "perplexity-correlations", "--export-to", out.toString());
    assertThat(exit).isZero();

    BatchReference batch = BatchReference.of(rows.toArray(double[][]::new));
    Map<String, Integer> index = new HashMap<>();
    for (int m = 0; m < models.size(); m++) {
      index.put(models.get(m), m);
    }
    List<String> sorted = models.stream().sorted().toList(); // the aggregator trains in id order
    double[][] d = new double[sorted.size()][sorted.size()];
    for (int i = 0; i < sorted.size(); i++) {
      for (int j = 0; j < sorted.size(); j++) {
        d[i][j] = i == j ? 0 : 2 * batch.klNats(index.get(sorted.get(i)), index.get(sorted.get(j)));
      }
    }
    List<String> groups = sorted.stream().map(m -> orgs.get(index.get(m))).toList();
    List<CSVRecord> predictions = ridge(CsvFiles.read(out.resolve("predictions.csv")));
    for (String benchmark : BENCHMARKS) {
      double[] y = sorted.stream().mapToDouble(m -> accuracy.get(benchmark).get(m)).toArray();
      RidgeCrossValidation.OutOfFold held = RidgeCrossValidation.outOfFold(d, y, groups, 5);
      RidgeCrossValidation.Fit fit = RidgeCrossValidation.fitAll(d, y, groups, 5);
      for (CSVRecord p : predictions) {
        if (!p.get("benchmark").equals(benchmark)) {
          continue;
        }
        int i = sorted.indexOf(p.get("model_id"));
        assertThat(Double.parseDouble(p.get("out_of_fold"))).as("%s of %s", benchmark, p.get("model_id"))
            .isCloseTo(held.outOfFold()[i], within(1e-6));
        assertThat(Double.parseDouble(p.get("predicted"))).isCloseTo(fit.ridge().predict(d[i]), within(1e-6));
        assertThat(Double.parseDouble(p.get("observed"))).isEqualTo(y[i]);
      }
    }
    assertThat(predictions).hasSize(2 * models.size());
    for (CSVRecord q : ridge(CsvFiles.read(out.resolve("prediction-quality.csv")))) {
      System.out.printf("prediction quality %s: %s models, %s folds by %s, Pearson r %s, Spearman rho %s%n",
          q.get("benchmark"), q.get("models"), q.get("folds"), q.get("grouping"), q.get("pearson_r"), q.get("spearman_rho"));
      assertThat(Double.parseDouble(q.get("pearson_r"))).isGreaterThan(0.9);
    }
    assertAnalytics(out, batch);
    assertApi(predictions);
  }

  /** analytics.csv: SciPy's clustering order of these models, and leakage z(ℓ̄) − z(mean of z(accuracy)) written here. */
  private void assertAnalytics(Path out, BatchReference batch) throws IOException {
    List<CSVRecord> analytics = CsvFiles.read(out.resolve("analytics.csv"));
    // written by math/src/test/python/reference_clustering.py from the same L
    List<String> scipyOrder = java.nio.file.Files.readAllLines(DATA.resolve("clustering-order-median.txt"));
    assertThat(analytics.stream().map(r -> r.get("model_id")).toList()).containsExactlyElementsOf(scipyOrder);
    double[] meanLl = new double[models.size()];
    double[][] z = new double[BENCHMARKS.size()][];
    for (int m = 0; m < models.size(); m++) {
      meanLl[m] = batch.rowMean(m);
    }
    for (int b = 0; b < BENCHMARKS.size(); b++) {
      Map<String, Double> acc = accuracy.get(BENCHMARKS.get(b));
      z[b] = z(models.stream().mapToDouble(acc::get).toArray());
    }
    double[] standing = new double[models.size()];
    for (int m = 0; m < models.size(); m++) {
      standing[m] = (z[0][m] + z[1][m]) / 2;
    }
    double[] zLl = z(meanLl);
    double[] zStanding = z(standing);
    for (CSVRecord r : analytics) {
      int m = models.indexOf(r.get("model_id"));
      assertThat(Double.parseDouble(r.get("leakage"))).as("leakage of %s", r.get("model_id"))
          .isCloseTo(zLl[m] - zStanding[m], within(1e-9));
      assertThat(r.get("primary_category")).isEqualTo("web");
    }
    List<CSVRecord> curve = CsvFiles.read(out.resolve("effective-dimension.csv"));
    assertThat(curve).hasSize(models.size());
    int d90 = curve.stream().filter(r -> Double.parseDouble(r.get("cumulative_variance")) < 0.90).toList().size() + 1;
    int d95 = curve.stream().filter(r -> Double.parseDouble(r.get("cumulative_variance")) < 0.95).toList().size() + 1;
    System.out.printf("perplexity-correlations analytics: effective dimension %d (90 %%), %d (95 %%)%n", d90, d95);
    assertThat(d90).isEqualTo(10); // the SVD of Q in PerplexityCorrelationsRidgeTest
    assertThat(d95).isEqualTo(17);
  }

  /** The same system restarted on its data: the API serves the predictions, quality, analytics and KL heatmap. */
  private void assertApi(List<CSVRecord> exported) throws Exception {
    try (EmbeddedSystem system = EmbeddedSystem.start(dir.resolve("data"), new PrintStream(OutputStream.nullOutputStream()), 0)) {
      String base = system.dashboardUrl();
      JsonNode benchmarks = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .until(() -> getJson(base + "api/benchmarks"), b -> b != null && ridge(b).size() == BENCHMARKS.size());
      for (CSVRecord q : ridge(CsvFiles.read(dir.resolve("out").resolve("prediction-quality.csv")))) {
        JsonNode fromApi = getJson(base + "api/benchmarks/" + q.get("benchmark"));
        assertThat(ridge(fromApi.path("quality")).get(0).path("pearsonR").asDouble())
            .isCloseTo(Double.parseDouble(q.get("pearson_r")), within(1e-12));
        assertThat(ridge(fromApi.path("models"))).hasSize(models.size());
      }
      String model = "EleutherAI/pythia-160m";
      JsonNode raw = getJson(base + "api/predictions/" + model);
      JsonNode encoded = getJson(base + "api/predictions/" + java.net.URLEncoder.encode(model, StandardCharsets.UTF_8));
      assertThat(raw).isEqualTo(encoded);
      CSVRecord arc = exported.stream().filter(r -> r.get("model_id").equals(model) && r.get("benchmark").equals("arc_easy"))
          .findFirst().orElseThrow();
      JsonNode p = ridge(raw.path("predictions")).get(0);
      assertThat(p.path("benchmarkId").asText()).isEqualTo("arc_easy");
      assertThat(p.path("outOfFold").asDouble()).isCloseTo(Double.parseDouble(arc.get("out_of_fold")), within(1e-12));

      JsonNode analytics = getJson(base + "api/analytics");
      assertThat(analytics.path("dimension90").asInt()).isEqualTo(10);
      assertThat(analytics.path("leakage")).hasSize(models.size());
      JsonNode matrix = getJson(base + "api/kl-matrix?max=20");
      assertThat(matrix.path("models")).hasSize(20);
      assertThat(matrix.path("models").get(0).asText()).isEqualTo(analytics.path("clusterOrder").get(0).asText());
      assertThat(matrix.path("models").get(19).asText()).isEqualTo(analytics.path("clusterOrder").get(models.size() - 1).asText());
      BatchReference batch = BatchReference.of(rows.toArray(double[][]::new));
      int a = models.indexOf(matrix.path("models").get(0).asText());
      int b = models.indexOf(matrix.path("models").get(1).asText());
      assertThat(matrix.path("klBitsPerByte").get(0).get(1).asDouble()).as("KL bits per byte, 1,000-byte texts")
          .isCloseTo(batch.klNats(a, b) / (1000 * Math.log(2)), within(1e-9));
      assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base + "api/kl-matrix?max=many")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
      assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base + "api/predictions/nobody/none")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }
  }

  /** The ridge-from-Q rows; collaborative prediction (method cpp) may have published beside them. */
  private static List<CSVRecord> ridge(List<CSVRecord> rows) {
    return rows.stream().filter(r -> r.get("method").equals("ridge-q")).toList();
  }

  private static List<JsonNode> ridge(JsonNode entries) {
    List<JsonNode> kept = new ArrayList<>();
    entries.forEach(e -> {
      if (e.path("method").asText().equals("ridge-q")) {
        kept.add(e);
      }
    });
    return kept;
  }

  private static JsonNode getJson(String url) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
  }

  private static double[] z(double[] v) {
    double mean = java.util.Arrays.stream(v).average().orElseThrow();
    double sd = Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
    return java.util.Arrays.stream(v).map(x -> (x - mean) / sd).toArray();
  }
}
