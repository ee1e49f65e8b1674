package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.cli.ModelMapCli;
import io.modelmap.embedded.EmbeddedCluster;
import io.modelmap.schemas.topic.TopicNames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's mistakes on the command line: each gets one line naming the file, line or field and what
 * to do, exit 2 for a command used wrongly and 1 for bad data, and never a stack trace. Commands that
 * need a system run against a real broker and registry.
 */
class CliErrorsIT {
  @TempDir
  static Path dir;
  static EmbeddedCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = EmbeddedCluster.start(dir.resolve("cluster"), TopicNames.defaults());
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  /** Exit code, and everything written to the error stream (the command's and System.err). */
  private record Outcome(int exit, String err) {
    String onlyLine() {
      assertThat(err).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception in thread");
      assertThat(err.strip().lines()).as("one line: %s", err).hasSize(1);
      return err.strip();
    }
  }

  private static Outcome run(String... args) {
    StringWriter err = new StringWriter();
    PrintStream originalErr = System.err;
    ByteArrayOutputStream systemErr = new ByteArrayOutputStream();
    System.setErr(new PrintStream(systemErr, true, StandardCharsets.UTF_8));
    try {
      int exit = ModelMapCli.commandLine().setErr(new PrintWriter(err, true)).execute(args);
      return new Outcome(exit, err + systemErr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(originalErr);
    }
  }

  private static String[] cluster(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--bootstrap-servers";
    all[args.length + 1] = cluster.bootstrapServers();
    all[args.length + 2] = "--schema-registry-url";
    all[args.length + 3] = cluster.schemaRegistryUrl();
    return all;
  }

  @Test
  void missingFileNamesTheFileWithExit2() {
    Path missing = dir.resolve("no-such-L.csv");
    Outcome outcome = run("import", "--embedded", "--matrix", missing.toString(), "--texts", missing.toString());
    assertThat(outcome.exit()).isEqualTo(2);
    assertThat(outcome.onlyLine()).isEqualTo("modelmap import: " + missing + ": no such file or folder");
  }

  @Test
  void badCorpusLineNamesFileLineAndFieldWithExit1() throws Exception {
    Path file = dir.resolve("pile.jsonl");
    Files.writeString(file, "{\"text\": \"fine\", \"meta\": {\"pile_set_name\": \"Pile-CC\"}}\n{\"txt\": \"typo\"}\n");
    Outcome outcome = run(cluster("corpus", "--corpus-id", "mine", "--corpus", file.toString()));
    assertThat(outcome.exit()).isEqualTo(1);
    assertThat(outcome.onlyLine()).startsWith("modelmap corpus: " + file + " line 2: field text: missing or not a string")
        .endsWith("nothing was published: fix the line and run again");
  }

  @Test
  void badTaskFactorsResponsesAndPromptsNameFileLineAndField() throws Exception {
    Path benchmarks = dir.resolve("benchmarks.csv");
    Files.writeString(benchmarks, "benchmark_id,ability,family,output_format,shots\nMMLU (5-shot),knowledge,mmlu,mc,five\n");
    Outcome factors = run(cluster("import-benchmarks", "--benchmarks", benchmarks.toString()));
    assertThat(factors.exit()).isEqualTo(1);
    assertThat(factors.onlyLine()).isEqualTo("modelmap import-benchmarks: benchmarks.csv line 2, field shots: 'five' is"
        + " not a count of examples (0, 1, 5, ...)");

    Path responses = dir.resolve("responses.jsonl");
    Files.writeString(responses, "{\"model_id\": \"meta-llama/Llama-3.2-1B\", \"prompt_id\": \"q 1\"}\n");
    Outcome missing = run(cluster("import-responses", "--responses", responses.toString()));
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.onlyLine()).startsWith("modelmap import-responses: responses.jsonl line 1: field response:");

    Path prompts = dir.resolve("prompts.jsonl");
    Files.writeString(prompts, "{\"prompt_id\": \"a\", \"prompt\": \"x\"}\n{\"prompt_id\": \"a\", \"prompt\": \"y\"}\n");
    Outcome twice = run("demo", "--prompts", prompts.toString(), "--data-dir", dir.resolve("demo").toString());
    assertThat(twice.exit()).isEqualTo(1);
    assertThat(twice.onlyLine()).isEqualTo("modelmap demo: prompts.jsonl line 2, field prompt_id: a appears twice; give"
        + " each prompt one id");
  }

  @Test
  void validateKlOnModelsWithDifferentTokenizersSaysSoWithExit2() throws Exception {
    for (var m : io.modelmap.scorer.demo.DemoModels.zoo(dir.resolve("zoo"))) {
      if (m.id().endsWith("/prose-a") || m.id().endsWith("/code-a")) {
        Path copy = Files.createDirectories(dir.resolve("pair").resolve(m.dir().getFileName()));
        for (String file : List.of("config.json", "model.safetensors", "tokenizer.json")) {
          Files.copy(m.dir().resolve(file), copy.resolve(file));
        }
      }
    }
    Path changed = dir.resolve("pair").resolve("code-a").resolve("tokenizer.json");
    Files.writeString(changed, Files.readString(changed).replace("\"<|endoftext|>\"", "\"<|end|>\""));
    Outcome outcome = run("validate-kl", "--models-dir", dir.resolve("pair").toString(), "--demo-corpus");
    assertThat(outcome.exit()).isEqualTo(2);
    assertThat(outcome.onlyLine()).contains("validate-kl needs models that share a tokenizer", changed.toString());
  }

  @Test
  void trainIntoAFolderInUseSaysChooseANewOneWithExit2() throws Exception {
    Path used = Files.createDirectories(dir.resolve("used"));
    Files.writeString(used.resolve("notes.txt"), "mine");
    Outcome outcome = run("train", "--demo-corpus", "--steps", "1", "--out", used.toString());
    assertThat(outcome.exit()).isEqualTo(2);
    assertThat(outcome.onlyLine()).isEqualTo("modelmap train: --out " + used
        + " exists and is not an empty folder; choose a new folder");
  }

  @Test
  void benchTooLargeForTheHeapSaysHowMuchToGiveItBeforeStarting() {
    Outcome outcome = run("bench", "--models", "100000", "--data-dir", dir.resolve("bench").toString());
    assertThat(outcome.exit()).isEqualTo(2);
    assertThat(outcome.onlyLine()).startsWith("modelmap bench: 100000 models × 10000 texts need about")
        .contains("MODELMAP_JAVA_OPTS=-Xmx");
    assertThat(dir.resolve("bench")).as("nothing was started").doesNotExist();
  }

  @Test
  void badModelIdStatesTheRuleWithExit2() {
    Outcome outcome = run(cluster("register", "--model-id", "acme/tiny\tbase", "--source-uri", "file:/models/x",
        "--corpus-id", "mine"));
    assertThat(outcome.exit()).isEqualTo(2);
    assertThat(outcome.onlyLine()).contains("--model-id", "U+0009", "1-256 characters with no control characters");
  }

  @Test
  void unknownCorpusSaysHowToPublishItWithExit2() {
    Outcome outcome = run(cluster("register", "--model-id", "meta-llama/Llama-3.2-1B", "--source-uri",
        "file:/models/meta-llama/Llama-3.2-1B", "--corpus-id", "never-published"));
    assertThat(outcome.exit()).isEqualTo(2);
    assertThat(outcome.onlyLine()).contains("corpus 'never-published' has no texts", "modelmap corpus --corpus-id");
  }

  @Test
  void badMatrixRowIsSkippedReportedAndCounted() throws Exception {
    Files.writeString(dir.resolve("texts.csv"), "text_id,category,bytes\n\"doc 1, \"\"a\"\"#0\",prose,900\n");
    Files.writeString(dir.resolve("L.csv"), "model_id,\"doc 1, \"\"a\"\"#0\"\norg/good,-10.5\norg/bad,zero\n");
    PrintStream originalOut = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    Outcome outcome;
    try {
      outcome = run(cluster("import", "--matrix", dir.resolve("L.csv").toString(), "--texts",
          dir.resolve("texts.csv").toString(), "--corpus-id", "rows"));
    } finally {
      System.setOut(originalOut);
    }
    assertThat(outcome.exit()).isEqualTo(1);
    assertThat(outcome.err()).doesNotContain("\tat ");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("L.csv line 3: text doc 1, \"a\"#0: 'zero' is not a number; row skipped")
        .contains("imported 1 model (1 row skipped)");
  }

  @Test
  void unknownOptionIsOneLineWithExit2() {
    Outcome outcome = run("map", "--modle", "x=y");
    assertThat(outcome.exit()).isEqualTo(2);
    assertThat(outcome.onlyLine()).startsWith("modelmap map: Unknown options: '--modle'").endsWith("(see modelmap map --help)");
  }

  @Test
  void everyCommandParsesItsHelp() {
    for (String command : ModelMapCli.commandLine().getSubcommands().keySet()) {
      StringWriter help = new StringWriter();
      assertThat(ModelMapCli.commandLine().setOut(new PrintWriter(help)).execute(command, "--help")).as(command).isZero();
      assertThat(help.toString()).as(command).contains("Usage: modelmap " + command);
    }
  }
}
