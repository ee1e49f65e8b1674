package io.modelmap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.modelmap.cli.bench.BenchCommand;
import io.modelmap.cli.data.ImportAnswersCommand;
import io.modelmap.cli.data.ImportCommand;
import io.modelmap.cli.evaluation.CompareResponsesCommand;
import io.modelmap.cli.evaluation.ValidateKlCommand;
import io.modelmap.cli.models.TrainCommand;
import io.modelmap.cli.operations.ScorerCommand;
import io.modelmap.cli.support.DataDirOption;
import io.modelmap.cli.support.DeviceOption;
import io.modelmap.cli.support.ExportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The shared option classes ({@link ExportOption}, {@link DeviceOption}, {@link DataDirOption}): each command
 * still parses the option into the field it reads, and keeps its own help text (the texts below are the ones each
 * command declared before the options were shared).
 */
class SharedOptionsTest {

  private static <T> T parse(String command, String... args) {
    CommandLine cli = ModelMapCli.commandLine();
    String[] line = new String[args.length + 1];
    line[0] = command;
    System.arraycopy(args, 0, line, 1, args.length);
    return cli.parseArgs(line).subcommand().commandSpec().commandLine().getCommand();
  }

  private static String description(String command, String option) {
    OptionSpec spec = ModelMapCli.commandLine().getSubcommands().get(command).getCommandSpec().findOption(option);
    return String.join(" ", spec.description());
  }

  @Test
  void shouldParseExportToIntoEachCommandsExportFolder() {
    ImportCommand imported = parse("import", "--matrix", "L.csv", "--texts", "texts.csv", "--export-to", "out/import");
    ImportAnswersCommand answers = parse("import-answers", "--answers", "a.csv", "--export-to", "out/answers");
    CompareResponsesCommand compared = parse("compare-responses", "--responses", "r.jsonl", "--export-to", "out/compare");
    DemoCommand demo = parse("demo", "--export-to", "out/demo");

    assertThat(imported.export.exportTo).isEqualTo(Path.of("out/import"));
    assertThat(answers.export.exportTo).isEqualTo(Path.of("out/answers"));
    assertThat(compared.export.exportTo).isEqualTo(Path.of("out/compare"));
    assertThat(demo.run.export.exportTo).isEqualTo(Path.of("out/demo"));
  }

  @Test
  void shouldLeaveExportToUnsetWhenNotGiven() {
    ImportCommand imported = parse("import", "--matrix", "L.csv", "--texts", "texts.csv");
    assertThat(imported.export.exportTo).isNull();
  }

  @Test
  void shouldKeepEachCommandsHelpTextForExportTo() {
    assertThat(description("map", "--export-to")).isEqualTo("Export the map as CSV to this folder before exiting.");
    assertThat(description("demo", "--export-to")).isEqualTo("Export the map as CSV to this folder before exiting.");
    assertThat(description("import", "--export-to"))
        .isEqualTo("After the aggregator has published every model, export to this folder.");
    assertThat(description("import-answers", "--export-to"))
        .isEqualTo("After the aggregator has published every pair, export agreement.csv and accuracy.csv here.");
    assertThat(description("import-responses", "--export-to"))
        .isEqualTo("Once every pair is published, write response-similarity.csv and lineage.csv here.");
    assertThat(description("compare-responses", "--export-to")).isEqualTo("Write response-similarity.csv there.");
  }

  @Test
  void shouldParseDeviceIntoTrainValidateKlAndTheScorer() {
    TrainCommand train = parse("train", "--demo-corpus", "--out", "m", "--device", "cpu");
    ValidateKlCommand validate = parse("validate-kl", "--device", "gpu");
    ScorerCommand scorer = parse("scorer", "--model-root", "models", "--device", "cpu");

    assertThat(train.device.device).isEqualTo("cpu");
    assertThat(validate.device.device).isEqualTo("gpu");
    assertThat(scorer.scoring.device).isEqualTo("cpu");
  }

  @Test
  void shouldDefaultDeviceToAutoWithoutTheEnvironmentVariable() {
    assumeTrue(System.getenv("MODELMAP_DEVICE") == null, "MODELMAP_DEVICE is set here");
    TrainCommand train = parse("train", "--demo-corpus", "--out", "m");
    ScorerCommand scorer = parse("scorer", "--model-root", "models");

    assertThat(train.device.device).isEqualTo("auto");
    assertThat(scorer.scoring.device).isEqualTo("auto");
  }

  @Test
  void shouldKeepEachCommandsHelpTextForDevice() {
    String scorerText = "auto (a GPU when PyTorch sees one), cpu, gpu or cuda (the first GPU), cuda:N (GPU number N)"
        + " (env MODELMAP_DEVICE; default auto).";
    assumeTrue(System.getenv("MODELMAP_DEVICE") == null, "MODELMAP_DEVICE is set here");
    assertThat(description("scorer", "--device")).isEqualTo(scorerText);
    assertThat(description("map", "--device")).isEqualTo(scorerText);
    assertThat(description("bench-scorer", "--device")).isEqualTo(scorerText);
    assertThat(description("train", "--device")).isEqualTo("auto, cpu, gpu, cuda or cuda:N (default auto).");
    assertThat(description("validate-kl", "--device")).isEqualTo("auto, cpu, gpu, cuda or cuda:N (default auto).");
  }

  @Test
  void shouldParseDataDirIntoBenchTheLocalRunAndTheEmbeddedDefault() {
    BenchCommand bench = parse("bench", "--data-dir", "d/bench");
    DemoCommand demo = parse("demo", "--data-dir", "d/demo");
    ImportCommand imported = parse("import", "--matrix", "L.csv", "--texts", "texts.csv", "--embedded", "--data-dir", "d/import");

    assertThat(bench.data.dataDir).isEqualTo(Path.of("d/bench"));
    assertThat(demo.run.data.dataDir).isEqualTo(Path.of("d/demo"));
    assertThat(imported.standalone.embedded).isTrue();
    assertThat(imported.standalone.data.dataDir).isEqualTo(Path.of("d/import"));
  }

  @Test
  void shouldKeepEachCommandsHelpTextForDataDir() {
    String plain = "Data folder (default: a fresh folder under .modelmap/).";
    String embedded = "Data folder of the embedded default (default: a fresh folder under .modelmap/).";
    assertThat(description("bench", "--data-dir")).isEqualTo(plain);
    assertThat(description("demo", "--data-dir")).isEqualTo(plain);
    assertThat(description("map", "--data-dir")).isEqualTo(plain);
    assertThat(description("import", "--data-dir")).isEqualTo(embedded);
    assertThat(description("import-answers", "--data-dir")).isEqualTo(embedded);
    assertThat(description("import-responses", "--data-dir")).isEqualTo(embedded);
  }

  @Test
  void shouldUseTheGivenDataDirInsteadOfAFreshOne() throws Exception {
    BenchCommand bench = parse("bench", "--data-dir", "d/bench");
    assertThat(bench.data.dataDir("bench")).isEqualTo(Path.of("d/bench"));
  }
}
