package io.modelmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One name for one thing: export writes --export-to like every other command (--out still works), import reads
 * --texts-file (--texts still works; elsewhere --texts is a count), and corpus settings out of range are a usage
 * mistake (exit 2), refused before any document is read or anything is started.
 */
class VocabularyTest {
  @TempDir
  Path dir;

  @Test
  void shouldTakeExportToInExportAndKeepOutHidden() {
    var spec = ModelMapCli.commandLine().getSubcommands().get("export").getCommandSpec();

    assertThat(spec.findOption("--export-to").hidden()).isFalse();
    assertThat(spec.findOption("--out").hidden()).isTrue();
    Path missing = dir.resolve("client.properties");
    CliRun outcome = CliRun.of("export", "--export-to", dir.resolve("out").toString(), "--client-config", missing.toString());
    assertThat(outcome.err()).isEqualTo("modelmap export: " + missing + ": no such file or folder" + System.lineSeparator());
  }

  @Test
  void shouldRefuseAnExportWithoutAFolder() {
    CliRun outcome = CliRun.of("export", "--bootstrap-servers", "127.0.0.1:1");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).isEqualTo("modelmap export: export needs --export-to DIR, the folder to write the CSV"
        + " files to" + System.lineSeparator());
  }

  @Test
  void shouldReadTheImportsTextsFileUnderItsNewAndItsOldName() throws Exception {
    Path texts = Files.writeString(dir.resolve("texts.csv"), "text_id,category,bytes\n");
    Path missing = dir.resolve("L.csv");

    for (String name : new String[] {"--texts-file", "--texts"}) {
      CliRun outcome = CliRun.of("import", "--matrix", missing.toString(), name, texts.toString(), "--bootstrap-servers",
          "127.0.0.1:1");
      assertThat(outcome.exitCode()).as(name).isEqualTo(2);
      assertThat(outcome.err()).as(name).isEqualTo("modelmap import: " + missing + ": no such file or folder"
          + System.lineSeparator());
    }
    assertThat(ModelMapCli.commandLine().getSubcommands().get("import").getCommandSpec().findOption("--texts").hidden())
        .isTrue();
  }

  @Test
  void shouldRefuseAnImportWithoutItsTextsFile() {
    CliRun outcome = CliRun.of("import", "--matrix", "L.csv", "--bootstrap-servers", "127.0.0.1:1");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).isEqualTo("modelmap import: import needs --texts-file texts.csv (text_id,category,bytes)"
        + " beside --matrix L.csv" + System.lineSeparator());
  }

  @Test
  void shouldRefuseASampleOfNoTextsAsAUsageMistake() {
    CliRun outcome = CliRun.of("corpus", "--corpus-id", "c", "--text", dir.resolve("none.txt").toString(), "--category",
        "x", "--sample", "0", "--bootstrap-servers", "127.0.0.1:1");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).isEqualTo("modelmap corpus: --sample must be at least 1, not 0" + System.lineSeparator());
  }

  @Test
  void shouldRefuseAMinimumAboveTheChunkSizeAsAUsageMistake() {
    CliRun outcome = CliRun.of("map", "--text", dir.resolve("none.txt").toString(), "--category", "x", "--min-bytes",
        "5000", "--model", "a=" + dir, "--data-dir", dir.resolve("data").toString());

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).isEqualTo("modelmap map: --min-bytes must be between 1 and --chunk-bytes (1024), not 5000"
        + System.lineSeparator());
    assertThat(dir.resolve("data")).doesNotExist();
  }
}
