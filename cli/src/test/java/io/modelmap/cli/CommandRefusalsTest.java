package io.modelmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that refuse their options before they connect to anything: exit 2 and one line, checked through the real
 * command line with nothing listening (no broker is needed, none is reached).
 */
class CommandRefusalsTest {
  @TempDir
  Path dir;

  @Test
  void shouldRefuseAnImportWhoseMatrixIsMissing() throws Exception {
    Path texts = Files.writeString(dir.resolve("texts.csv"), "text_id,category,bytes\n");
    Path missing = dir.resolve("L.csv");

    CliRun outcome = CliRun.of("import", "--matrix", missing.toString(), "--texts", texts.toString(),
        "--bootstrap-servers", "127.0.0.1:1");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).isEqualTo("modelmap import: " + missing + ": no such file or folder" + System.lineSeparator());
  }

  @Test
  void shouldRefuseACorpusWithoutDocuments() {
    CliRun outcome = CliRun.of("corpus", "--corpus-id", "c", "--bootstrap-servers", "127.0.0.1:1");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).isEqualTo("modelmap corpus: corpus needs at least one --corpus FILE|DIR or --text PATH"
        + " --category NAME" + System.lineSeparator());
  }

  @Test
  void shouldRefuseAMissingClientConfigBeforeConnecting() {
    Path missing = dir.resolve("client.properties");

    CliRun outcome = CliRun.of("export", "--out", dir.resolve("out").toString(), "--client-config", missing.toString());

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).isEqualTo("modelmap export: " + missing + ": no such file or folder" + System.lineSeparator());
  }

  @Test
  void shouldRefuseADemoWithoutShardsBeforeAnythingStarts() {
    CliRun outcome = CliRun.of("demo", "--shards", "0", "--data-dir", dir.resolve("data").toString());

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).isEqualTo("modelmap demo: --shards must be at least 1, was 0" + System.lineSeparator());
    assertThat(dir.resolve("data")).as("nothing started").doesNotExist();
  }

  @Test
  void shouldRefuseTrainingWithNeitherTheDemoCorpusNorDocuments() {
    CliRun outcome = CliRun.of("train", "--out", dir.resolve("m").toString());

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).isEqualTo("modelmap train: train needs either --demo-corpus or documents (--corpus FILE|DIR,"
        + " --text PATH --category NAME)" + System.lineSeparator());
  }

  @Test
  void shouldRefuseAValidateKlPairThatNamesNoGivenModel() {
    CliRun outcome = CliRun.of("validate-kl", "--model", "prose-a=" + ZOO.resolve("prose-a"), "--model",
        "code-a=" + ZOO.resolve("code-a"), "--demo-corpus", "--device", "cpu", "--pair", "prose-a,code-a",
        "--pair", "prose-a,nope");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).isEqualTo("modelmap validate-kl: --pair prose-a,nope: takes two of the models' ids,"
        + " e.g. --pair prose-a,code-a" + System.lineSeparator());
  }

  @Test
  void shouldRefuseAValidateKlStrideLongerThanTheContext() {
    // the zoo's models have a 128-token context
    CliRun outcome = CliRun.of("validate-kl", "--models-dir", ZOO.toString(), "--demo-corpus", "--device", "cpu",
        "--stride", "129");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).isEqualTo("modelmap validate-kl: --stride must be between 1 and the models' context"
        + " (128), not 129" + System.lineSeparator());
  }

  private static final Path ZOO = Path.of("..", "scorer-worker", "src", "main", "resources", "io", "modelmap",
      "scorer", "zoo");
}
