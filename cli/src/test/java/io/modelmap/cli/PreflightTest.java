package io.modelmap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every check {@code map} and {@code demo} can make before anything starts: each mistake gives one line on stderr,
 * exit 2, within seconds, and no broker ever started (the data folder stays empty: the broker's log folder, the
 * aggregator's state and modelmap.log would be written there first).
 */
class PreflightTest {
  /** Generous for a loaded test machine; a started broker alone takes ~3 s and the scoring until a timeout minutes. */
  private static final Duration WITHIN = Duration.ofSeconds(20);

  @TempDir
  Path dir;
  private Path data;
  private Path text;

  private record Outcome(int exitCode, String err, Duration took) {}

  @BeforeEach
  void corpus() throws Exception {
    data = dir.resolve("data");
    text = Files.writeString(dir.resolve("a.txt"), "Some text to score. ".repeat(40));
  }

  private Outcome map(String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("map", "--text", text.toString(), "--category", "c",
        "--data-dir", data.toString(), "--api-port", "0"));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  private static Outcome run(String... args) {
    StringWriter err = new StringWriter();
    long start = System.nanoTime();
    int exitCode = ModelMapCli.commandLine().setErr(new PrintWriter(err)).execute(args);
    return new Outcome(exitCode, err.toString(), Duration.ofNanos(System.nanoTime() - start));
  }

  private void assertRefusedBeforeStarting(Outcome outcome, String line) throws Exception {
    assertThat(outcome.err()).isEqualTo(line + System.lineSeparator());
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.took()).isLessThan(WITHIN);
    assertThat(!Files.exists(data) || Files.list(data).findAny().isEmpty()).as("nothing written under " + data)
        .isTrue();
  }

  /** A GPT-2 folder whose config and tokenizer are fine; its weights are written by each test. */
  private Path gpt2(String name, String modelType) throws Exception {
    Path model = Files.createDirectories(dir.resolve(name));
    Files.writeString(model.resolve("config.json"), "{\"model_type\": \"" + modelType + "\", \"n_layer\": 1}");
    Files.writeString(model.resolve("tokenizer.json"), "{}");
    return model;
  }

  /** A safetensors file whose header describes {@code described} bytes of one F32 tensor and holds {@code held}. */
  private static void safetensors(Path file, int described, int held) throws Exception {
    byte[] header = ("{\"wte.weight\":{\"dtype\":\"F32\",\"shape\":[" + described / 4 + "],\"data_offsets\":[0,"
        + described + "]}}").getBytes(StandardCharsets.UTF_8);
    ByteBuffer bytes = ByteBuffer.allocate(8 + header.length + held).order(ByteOrder.LITTLE_ENDIAN);
    bytes.putLong(header.length).put(header);
    Files.write(file, bytes.array());
  }

  @Test
  void shouldRefuseAGpuThatIsNotThere() throws Exception {
    assumeTrue(Engine.getEngine("PyTorch").getGpuCount() == 0, "this machine has a GPU");

    Outcome outcome = map("--model", "acme/a=" + dir, "--device", "cuda:0");

    assertRefusedBeforeStarting(outcome, "modelmap map: --device cuda:0: no CUDA device: use --device cpu (or check"
        + " the driver and PYTORCH_FLAVOR/PYTORCH_LIBRARY_PATH)");
  }

  @Test
  void shouldRefuseAValueThatIsNoDevice() throws Exception {
    Outcome outcome = map("--model", "acme/a=" + dir, "--device", "tpu");

    assertRefusedBeforeStarting(outcome, "modelmap map: --device 'tpu': not a device; use auto, cpu, gpu, cuda or"
        + " cuda:N");
  }

  @Test
  void shouldRefuseAnExportFolderThatWouldBeOverwritten() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("neighbors.csv"), "earlier results");

    Outcome outcome = map("--model", "acme/a=" + dir, "--device", "cpu", "--export-to", out.toString());

    assertRefusedBeforeStarting(outcome, "modelmap map: --export-to " + out + ": the folder is not empty and would be"
        + " overwritten; name a new or empty folder, or remove this one first");
    assertThat(Files.readString(out.resolve("neighbors.csv"))).isEqualTo("earlier results");
  }

  @Test
  void shouldRefuseAnExportTargetThatIsAFile() throws Exception {
    Path out = Files.writeString(dir.resolve("out.csv"), "x");

    Outcome outcome = map("--model", "acme/a=" + dir, "--device", "cpu", "--export-to", out.toString());

    assertRefusedBeforeStarting(outcome, "modelmap map: --export-to " + out + ": is a file, the export writes a folder"
        + " of CSV files; name a new or empty folder");
  }

  @Test
  void shouldRefuseTheDemosExportFolderBeforeStarting() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("texts.csv"), "earlier");

    Outcome outcome = run("demo", "--data-dir", data.toString(), "--export-to", out.toString());

    assertRefusedBeforeStarting(outcome, "modelmap demo: --export-to " + out + ": the folder is not empty and would"
        + " be overwritten; name a new or empty folder, or remove this one first");
  }

  /** Issue 29: the import commands check --export-to as map and demo do, before reading, publishing or starting. */
  @Test
  void shouldRefuseTheImportsExportFolderBeforeStarting() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("neighbors.csv"), "earlier results");
    Path answers = Files.writeString(dir.resolve("answers.csv"), "question_id,category,n_choices,gold_index,acme/a\n");
    Path responses = Files.writeString(dir.resolve("responses.jsonl"), "");
    String refusal = ": --export-to " + out + ": the folder is not empty and would be overwritten; name a new or"
        + " empty folder, or remove this one first";

    Outcome matrix = run("import", "--embedded", "--data-dir", data.toString(), "--matrix", text.toString(),
        "--export-to", out.toString());
    Outcome answered = run("import-answers", "--embedded", "--data-dir", data.toString(), "--answers",
        answers.toString(), "--export-to", out.toString());
    Outcome responded = run("import-responses", "--embedded", "--data-dir", data.toString(), "--responses",
        responses.toString(), "--export-to", out.toString());

    assertRefusedBeforeStarting(matrix, "modelmap import" + refusal);
    assertRefusedBeforeStarting(answered, "modelmap import-answers" + refusal);
    assertRefusedBeforeStarting(responded, "modelmap import-responses" + refusal);
    assertThat(Files.readString(out.resolve("neighbors.csv"))).isEqualTo("earlier results");
  }

  @Test
  void shouldNameATruncatedSafetensorsFileWithItsExpectedAndActualSize() throws Exception {
    Path model = gpt2("truncated", "gpt2");
    safetensors(model.resolve("model.safetensors"), 64, 24); // 16 floats described, 6 held

    Outcome outcome = map("--model", "acme/t=" + model, "--device", "cpu");

    assertRefusedBeforeStarting(outcome, "modelmap map: the only model cannot be mapped: acme/t: "
        + model.toAbsolutePath().normalize().resolve("model.safetensors") + " is truncated: its header describes 64"
        + " bytes of tensors, the file holds 24; copy or download it again");
  }

  @Test
  void shouldNameAnUnsupportedModelTypeAndTheSupportedOnes() throws Exception {
    Path model = gpt2("mamba", "mamba");
    safetensors(model.resolve("model.safetensors"), 16, 16);

    Outcome outcome = map("--model", "acme/m=" + model, "--device", "cpu");

    assertThat(outcome.err()).startsWith("modelmap map: the only model cannot be mapped: acme/m: model_type 'mamba' is a"
        + " recurrent model, not a transformer decoder; supported: gpt2, ").contains("llama");
    assertRefusedBeforeStarting(outcome, outcome.err().strip());
  }

  @Test
  void shouldRefuseABadTimeoutNamingTheOption() throws Exception {
    Outcome outcome = map("--model", "acme/a=" + dir, "--timeout", "10x");

    assertThat(outcome.err()).startsWith("modelmap map: Invalid value for option '--timeout': '10x' is not a duration"
        + " (e.g. 90s, 10m, 2h, 1h30m or ISO-8601 PT10M)");
    assertRefusedBeforeStarting(outcome, outcome.err().strip());
  }

  @Test
  void shouldWaitHalfAnHourByDefaultAndTakeHumanDurations() {
    MapCommand byDefault = ModelMapCli.commandLine().parseArgs("map").subcommand().commandSpec().commandLine()
        .getCommand();
    MapCommand given = ModelMapCli.commandLine().parseArgs("map", "--timeout", "1h30m").subcommand().commandSpec()
        .commandLine().getCommand();

    assertThat(byDefault.timeout).isEqualTo(Duration.ofMinutes(30));
    assertThat(given.timeout).isEqualTo(Duration.ofSeconds(5400));
  }

  @Test
  void shouldRefuseRegisteringALocalFolderTheScorerCouldNotLoadBeforeConnecting() throws Exception {
    Path model = gpt2("mamba-register", "mamba");
    safetensors(model.resolve("model.safetensors"), 16, 16);

    Outcome outcome = run("register", "--model-id", "acme/m", "--source-uri", "file:" + model, "--corpus-id", "c",
        "--bootstrap-servers", "127.0.0.1:1");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).startsWith("modelmap register: --source-uri file:" + model + ": model_type 'mamba' is a"
        + " recurrent model, not a transformer decoder; supported: gpt2, ");
    assertThat(outcome.err().lines()).hasSize(1);
    assertThat(outcome.took()).as("refused before any connection attempt").isLessThan(WITHIN);
  }
}
