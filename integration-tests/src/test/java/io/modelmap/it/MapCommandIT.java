package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdOutputStream;
import io.modelmap.cli.ModelMapCli;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code modelmap map}, as a user runs it on their own checkpoints: the three committed tiny
 * checkpoints (GPT-2, Llama, GPT-NeoX in Hugging Face layout) under Hugging Face ids with '/' and
 * '@', on a zstd-compressed Pile JSONL corpus. The exported L equals the log-likelihoods the
 * fixtures' independent PyTorch reference computed ({@code reference_loglik.py}, float64), and the
 * neighbours and Q equal the batch reference on that L.
 */
class MapCommandIT {
  private static final Path FIXTURES = Path.of("../scorer-worker/src/test/resources/fixtures").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Model id → fixture folder; the GPT-2 checkpoint twice, as a base and its revision (an exact copy). */
  private static final Map<String, String> MODELS = Map.of("acme/tiny-base", "gpt2", "acme/tiny-base@v2", "gpt2",
      "meta-llama/tiny-llama", "llama", "EleutherAI/tiny-neox", "gpt_neox");
  private static final String[] SETS = {"Pile-CC", "Github", "Wikipedia (en)", "Pile-CC", "Github"};

  @TempDir
  Path dir;

  @Test
  void shouldMapCheckpointsUnderHuggingFaceIdsLikeTheIndependentReference() throws Exception {
    mapsLikeTheIndependentReference(dir);
  }

  /** {@code map} of the fixture checkpoints into {@code dir}, with {@code more} options: L, Q and lists as the reference. */
  static void mapsLikeTheIndependentReference(Path dir, String... more) throws Exception {
    List<String> texts = referenceTexts();
    Path corpus = writePileZst(dir, texts);
    List<String> args = new ArrayList<>(List.of("map", "--corpus", corpus.toString(), "--min-bytes", "1",
        "--corpus-id", "pile val/5", "--device", "cpu", "--data-dir", dir.resolve("data").toString(),
        "--export-to", dir.resolve("out").toString(), "--api-port", "0"));
    args.addAll(List.of(more));
    MODELS.forEach((id, fixture) -> args.addAll(List.of("--model", id + "=" + FIXTURES.resolve(fixture))));

    int exit = ModelMapCli.commandLine().execute(args.toArray(String[]::new));

    assertThat(exit).isZero();
    Path out = dir.resolve("out");
    List<String[]> exportedTexts = ExportedCsv.rows(out.resolve("texts.csv"));
    assertThat(exportedTexts).extracting(r -> r[0]).containsExactlyInAnyOrder("pile.jsonl.zst:1#0",
        "pile.jsonl.zst:2#0", "wiki 42, \"q\" 5%/x#0", "pile.jsonl.zst:4#0", "pile.jsonl.zst:5#0");
    ExportedMap map = ExportedMap.read(out);
    assertThat(map.models()).containsExactlyInAnyOrderElementsOf(MODELS.keySet());
    for (int i = 0; i < map.models().size(); i++) {
      double[] expected = expectedLogLikelihoods(MODELS.get(map.models().get(i)));
      double[] row = map.reference().logLikelihoods(i);
      for (int s = 0; s < exportedTexts.size(); s++) {
        int original = originalIndex(exportedTexts.get(s)[0]);
        assertThat(row[s]).as("%s on text %s", map.models().get(i), exportedTexts.get(s)[0])
            .isCloseTo(expected[original], within(1e-4 * Math.abs(expected[original])));
      }
    }
    List<String[]> neighbors = map.assertMatchesBatchReference(out, 10);
    String[] first = neighbors.stream().filter(r -> r[0].equals("acme/tiny-base@v2")).findFirst().orElseThrow();
    assertThat(first[2]).isEqualTo("acme/tiny-base");
    assertThat(Double.parseDouble(first[3])).isZero();
    assertThat(Files.readString(dir.resolve("data/modelmap.log"))).as("library logs go to the data folder")
        .contains("org.apache.kafka");
  }

  /**
   * One model the scorer loads (Gemma 2, one of the families added with the shared decoder), one that
   * the check before starting refuses (RWKV: recurrent) and one that passes it but cannot be loaded
   * (its config names a layer its weights lack: the scorer dead-letters its task): map finishes, names both refused
   * models with their reasons, exports the loaded one and exits 1, without a stack trace.
   */
  @Test
  void shouldMapTheLoadableModelsNameTheRefusedOnesAndExitOne() throws Exception {
    Path corpus = writePileZst(dir, referenceTexts());
    Path rwkv = Files.createDirectories(dir.resolve("models/rwkv"));
    Files.writeString(rwkv.resolve("config.json"), "{\"model_type\": \"rwkv\", \"architectures\": [\"RwkvForCausalLM\"]}");
    Files.write(rwkv.resolve("model.safetensors"), new byte[16]);
    Files.copy(FIXTURES.resolve("gemma2/tokenizer.json"), rwkv.resolve("tokenizer.json"));
    Path broken = Files.createDirectories(dir.resolve("models/broken"));
    ObjectNode config = (ObjectNode) JSON.readTree(FIXTURES.resolve("llama/config.json").toFile());
    Files.writeString(broken.resolve("config.json"), config.put("num_hidden_layers", 3).toString()); // weights hold 2
    Files.copy(FIXTURES.resolve("llama/tokenizer.json"), broken.resolve("tokenizer.json"));
    Files.copy(FIXTURES.resolve("llama/model.safetensors"), broken.resolve("model.safetensors"));
    List<String> args = new ArrayList<>(List.of("map", "--corpus", corpus.toString(), "--min-bytes", "1",
        "--device", "cpu", "--data-dir", dir.resolve("data").toString(), "--export-to", dir.resolve("out").toString(),
        "--api-port", "0", "--timeout", "PT5M", "--model", "google/tiny-gemma2=" + FIXTURES.resolve("gemma2"),
        "--model", "RWKV/tiny-rwkv=" + rwkv, "--model", "acme/broken-llama=" + broken));
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    java.io.PrintStream originalOut = System.out;
    java.io.PrintStream originalErr = System.err;
    int exit;
    try {
      System.setOut(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
      System.setErr(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
      exit = ModelMapCli.commandLine().execute(args.toArray(String[]::new));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
    String output = printed.toString(StandardCharsets.UTF_8);
    originalOut.print(output);

    assertThat(exit).isEqualTo(1);
    assertThat(output).contains("refused: RWKV/tiny-rwkv: model_type 'rwkv' is a recurrent model")
        .contains("refused by the scorer: acme/broken-llama").contains("lacks tensor model.layers.2")
        .contains("2 of 3 models were refused")
        .contains("google/tiny-gemma2: gemma2, start token <|endoftext|> (id 256, the document separator: bos_token_id")
        .doesNotContain("\tat ").doesNotContain("Exception in thread");
    assertThat(ExportedMap.read(dir.resolve("out")).models()).containsExactly("google/tiny-gemma2");
  }

  /**
   * {@code map --benchmark --export-to --serve} on ten checkpoints of different architectures: the export is
   * complete when written. Every file lists every model models.csv calls complete (analytics.csv with a leakage
   * value for each: all ten answered the benchmark, so its inputs exist), and map.csv equals {@code /api/map}
   * read over HTTP from the aggregator of the same run, still serving. Before the export waited for the views,
   * analytics.csv was written before the analytics covering the last models (and the measured scores behind
   * leakage) were published.
   */
  @Test
  void shouldExportEveryCompleteModelInEveryFileAndTheMapAsApiMapServesIt() throws Exception {
    Path corpus = writePileZst(dir, referenceTexts());
    Path items = writeItems();
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path out = dir.resolve("out");
    List<String> args = new ArrayList<>(List.of("map", "--corpus", corpus.toString(), "--min-bytes", "1",
        "--corpus-id", "pile5", "--device", "cpu", "--data-dir", dir.resolve("data").toString(), "--benchmark",
        items.toString(), "--export-to", out.toString(), "--api-port", Integer.toString(port), "--timeout", "PT10M",
        "--serve"));
    TEN_ARCHITECTURES.forEach((id, fixture) -> args.addAll(List.of("--model", id + "=" + FIXTURES.resolve(fixture))));
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    java.io.PrintStream originalOut = System.out;
    java.util.concurrent.atomic.AtomicInteger exit = new java.util.concurrent.atomic.AtomicInteger(-1);
    Thread run = new Thread(() -> exit.set(ModelMapCli.commandLine().execute(args.toArray(String[]::new))), "map");
    try {
      System.setOut(new java.io.PrintStream(new TeeOutput(printed, originalOut), true, StandardCharsets.UTF_8));
      run.start();
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(12))
          .pollInterval(java.time.Duration.ofMillis(500))
          .until(() -> !run.isAlive() || printed.toString(StandardCharsets.UTF_8).contains("Serving: "));
      assertThat(run.isAlive()).as("map serves after exporting (exit %s)", exit.get()).isTrue();
      String api = "http://127.0.0.1:" + port + "/";
      assertThat(printed.toString(StandardCharsets.UTF_8)).as("the dashboard on the port asked for")
          .contains(":" + port + "/");

      java.util.Set<String> complete = new java.util.TreeSet<>();
      for (org.apache.commons.csv.CSVRecord m : io.modelmap.formats.csv.CsvFiles.read(out.resolve("models.csv"))) {
        if (Boolean.parseBoolean(m.get("complete"))) {
          complete.add(m.get("model_id"));
        }
      }
      assertThat(complete).as("models.csv").containsExactlyInAnyOrderElementsOf(TEN_ARCHITECTURES.keySet());
      assertThat(column(out.resolve("L.csv"), "model_id")).as("L.csv").containsExactlyInAnyOrderElementsOf(complete);
      assertThat(column(out.resolve("Q.csv"), "model_id")).as("Q.csv").containsExactlyInAnyOrderElementsOf(complete);
      assertThat(new java.util.TreeSet<>(column(out.resolve("neighbors.csv"), "model_id"))).as("neighbors.csv")
          .containsExactlyElementsOf(complete);
      assertThat(column(out.resolve("accuracy.csv"), "model_id")).as("accuracy.csv")
          .containsExactlyInAnyOrderElementsOf(complete);
      assertThat(column(out.resolve("agreement.csv"), "model_a")).as("agreement.csv: every pair")
          .hasSize(complete.size() * (complete.size() - 1) / 2);
      List<org.apache.commons.csv.CSVRecord> analytics = io.modelmap.formats.csv.CsvFiles.read(out.resolve("analytics.csv"));
      assertThat(analytics).extracting(r -> r.get("model_id")).as("analytics.csv")
          .containsExactlyInAnyOrderElementsOf(complete);
      for (org.apache.commons.csv.CSVRecord r : analytics) {
        assertThat(r.get("leakage")).as("leakage of %s: every model has a measured score", r.get("model_id"))
            .isNotEmpty();
        assertThat(Double.parseDouble(r.get("leakage"))).as("leakage of %s", r.get("model_id")).isFinite();
      }
      assertThat(io.modelmap.formats.csv.CsvFiles.read(out.resolve("effective-dimension.csv"))).as("one row per axis")
          .hasSize(complete.size());

      JsonNode served = JSON.readTree(java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(api + "api/map?corpus=pile5")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body());
      List<org.apache.commons.csv.CSVRecord> map = io.modelmap.formats.csv.CsvFiles.read(out.resolve("map.csv"));
      assertThat(map).hasSize(served.path("points").size()).hasSize(complete.size());
      for (int i = 0; i < map.size(); i++) {
        org.apache.commons.csv.CSVRecord row = map.get(i);
        JsonNode point = served.path("points").get(i);
        assertThat(row.get("model_id")).as("row %d in the order of /api/map", i).isEqualTo(point.path("modelId").asText());
        assertThat(Double.parseDouble(row.get("x"))).as("x of %s", row.get("model_id")).isEqualTo(point.path("x").asDouble());
        assertThat(Double.parseDouble(row.get("y"))).as("y of %s", row.get("model_id")).isEqualTo(point.path("y").asDouble());
        assertThat(row.get("primary_category")).isEqualTo(point.path("primaryCategory").asText(""));
        assertThat(row.get("corpus_id")).isEqualTo(served.path("corpusId").asText());
        assertThat(Integer.parseInt(row.get("model_count"))).isEqualTo(served.path("modelCount").asInt());
        assertThat(row.get("map_method")).isEqualTo(served.path("mapMethod").asText());
        assertThat(Double.parseDouble(row.get("mean_text_bytes"))).isEqualTo(served.path("meanTextBytes").asDouble());
      }
    } finally {
      System.setOut(originalOut);
      run.interrupt(); // Ctrl-C's stand-in: --serve stops waiting and the embedded system closes
      run.join(java.time.Duration.ofMinutes(1).toMillis());
    }
  }

  /** Ten checkpoints of different architectures, each under an id of its own organisation. */
  private static final Map<String, String> TEN_ARCHITECTURES = Map.of("openai/tiny-gpt2", "gpt2",
      "meta-llama/tiny-llama", "llama", "EleutherAI/tiny-neox", "gpt_neox", "google/tiny-gemma2", "gemma2",
      "facebook/tiny-opt", "opt", "bigscience/tiny-bloom", "bloom", "microsoft/tiny-phi", "phi",
      "Qwen/tiny-qwen3", "qwen3", "allenai/tiny-olmo", "olmo", "stabilityai/tiny-stablelm", "stablelm");

  private static List<String> column(Path file, String name) throws IOException {
    return io.modelmap.formats.csv.CsvFiles.read(file).stream().map(r -> r.get(name)).toList();
  }

  /** Eight four-choice items in lm-evaluation-harness JSONL. */
  private Path writeItems() throws IOException {
    Path file = dir.resolve("quiz.jsonl");
    String[][] items = {{"The sky is", "blue", "green", "loud", "square"}, {"Two plus two is", "four", "five", "six", "one"},
        {"Water is", "wet", "dry", "sharp", "tall"}, {"Fire is", "hot", "cold", "slow", "flat"},
        {"A cat says", "meow", "moo", "quack", "oink"}, {"Snow is", "white", "black", "red", "purple"},
        {"The sun rises in the", "east", "west", "north", "south"}, {"Ice is", "cold", "warm", "soft", "loud"}};
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < items.length; i++) {
      ObjectNode item = JSON.createObjectNode().put("id", "q" + i).put("question", items[i][0]).put("answer", 0);
      var choices = item.putArray("choices");
      for (int c = 1; c < items[i].length; c++) {
        choices.add(" " + items[i][c]);
      }
      lines.append(JSON.writeValueAsString(item)).append('\n');
    }
    Files.writeString(file, lines);
    return file;
  }

  /** Writes to two streams: what the command prints is both checked and shown. */
  private static final class TeeOutput extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    TeeOutput(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }
  }

  /**
   * A map whose only model passes the check before starting but which the scorer cannot load (a layer the weights
   * lack) can no longer finish: it says which model and why in one line and exits 1 in seconds, not at --timeout,
   * and never advises reading -dlq topics (the embedded broker is gone once it exits).
   */
  @Test
  void shouldStopAtOnceNamingTheReasonWhenEveryModelIsRefusedByTheScorer() throws Exception {
    Path corpus = writePileZst(dir, referenceTexts());
    Path broken = Files.createDirectories(dir.resolve("models/broken"));
    ObjectNode config = (ObjectNode) JSON.readTree(FIXTURES.resolve("llama/config.json").toFile());
    Files.writeString(broken.resolve("config.json"), config.put("num_hidden_layers", 3).toString()); // weights hold 2
    Files.copy(FIXTURES.resolve("llama/tokenizer.json"), broken.resolve("tokenizer.json"));
    Files.copy(FIXTURES.resolve("llama/model.safetensors"), broken.resolve("model.safetensors"));
    java.io.StringWriter err = new java.io.StringWriter();
    long start = System.nanoTime();

    int exit = ModelMapCli.commandLine().setErr(new java.io.PrintWriter(err)).execute("map", "--corpus",
        corpus.toString(), "--min-bytes", "1", "--device", "cpu", "--data-dir", dir.resolve("data").toString(),
        "--api-port", "0", "--timeout", "30m", "--model", "acme/broken-llama=" + broken);

    java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - start);
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).startsWith("modelmap map: the only model cannot be mapped: acme/broken-llama was"
        + " refused by the scorer: ").contains("lacks tensor model.layers.2").doesNotContain("dlq");
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(took).as("broker start, one failed load per attempt, then out").isLessThan(java.time.Duration.ofMinutes(3));
  }

  /** The fixtures' five texts; each becomes one Pile document (the third with an id of its own). */
  private static List<String> referenceTexts() throws IOException {
    List<String> texts = new ArrayList<>();
    JSON.readTree(FIXTURES.resolve("gpt2/expected.json").toFile()).get("texts").forEach(t -> texts.add(t.asText()));
    return texts;
  }

  private static Path writePileZst(Path dir, List<String> texts) throws IOException {
    Path file = dir.resolve("pile.jsonl.zst");
    try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(file))) {
      for (int i = 0; i < texts.size(); i++) {
        ObjectNode record = JSON.createObjectNode().put("text", texts.get(i));
        record.putObject("meta").put("pile_set_name", SETS[i]);
        if (i == 2) {
          record.put("id", "wiki 42, \"q\" 5%/x");
        }
        out.write((JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return file;
  }

  private static int originalIndex(String textId) {
    if (textId.startsWith("wiki 42")) {
      return 2;
    }
    return Integer.parseInt(textId.substring("pile.jsonl.zst:".length(), textId.indexOf('#'))) - 1;
  }

  private static double[] expectedLogLikelihoods(String fixture) throws IOException {
    JsonNode values = JSON.readTree(FIXTURES.resolve(fixture).resolve("expected.json").toFile()).get("logLikelihoods");
    double[] expected = new double[values.size()];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = values.get(i).asDouble();
    }
    return expected;
  }
}
