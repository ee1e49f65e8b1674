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
    List<String> texts = referenceTexts();
    Path corpus = writePileZst(texts);
    List<String> args = new ArrayList<>(List.of("map", "--corpus", corpus.toString(), "--min-bytes", "1",
        "--corpus-id", "pile val/5", "--device", "cpu", "--data-dir", dir.resolve("data").toString(),
        "--export-to", dir.resolve("out").toString(), "--api-port", "0"));
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
    Path corpus = writePileZst(referenceTexts());
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
   * A map whose only model passes the check before starting but which the scorer cannot load (a layer the weights
   * lack) can no longer finish: it says which model and why in one line and exits 1 in seconds, not at --timeout,
   * and never advises reading -dlq topics (the embedded broker is gone once it exits).
   */
  @Test
  void shouldStopAtOnceNamingTheReasonWhenEveryModelIsRefusedByTheScorer() throws Exception {
    Path corpus = writePileZst(referenceTexts());
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

  private Path writePileZst(List<String> texts) throws IOException {
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
