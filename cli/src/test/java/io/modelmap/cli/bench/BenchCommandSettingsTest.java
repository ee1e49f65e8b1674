package io.modelmap.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.cli.ModelMapCli;
import io.modelmap.cli.support.UsageError;
import java.io.PrintWriter;
import java.io.StringWriter;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code bench} options that become {@link ScaleBenchmark.Settings}: parsed only, nothing started. */
class BenchCommandSettingsTest {

  private static <T> T parse(T command, String... args) {
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void shouldPassTheBenchOptionsToTheBenchmarkSettings() {
    BenchCommand bench = parse(new BenchCommand(), "--models", "50", "--texts", "300", "--families", "5",
        "--texts-per-record", "100", "--in-flight", "2", "--probe-models", "10", "--seed", "9",
        "--aggregator-heap", "2g", "--commit-interval-ms", "250", "--benchmarks", "3", "--observed-models", "30");

    ScaleBenchmark.Settings settings = bench.settings(Path.of("d"));

    assertThat(settings).isEqualTo(new ScaleBenchmark.Settings(50, 300, 5, 100, 2, 10, 9, "2g", 250, 3, 30, Path.of("d")));
  }

  @Test
  void shouldPassThePollWaitAndTheKillToTheBenchmarkSettings() {
    ScaleBenchmark.Settings settings = parse(new BenchCommand(), "--poll-ms", "40", "--kill-one-midway", "--shards",
        "4").settings(Path.of("d"));

    assertThat(settings.pollMs()).isEqualTo(40);
    assertThat(settings.killOneMidway()).isTrue();
    assertThat(parse(new BenchCommand()).settings(Path.of("d")).killOneMidway()).isFalse();
  }

  @Test
  void shouldRunOneAggregatorUnlessShardsAreAskedFor() {
    assertThat(parse(new BenchCommand()).settings(Path.of("d")).shards()).isEqualTo(1);
    assertThat(parse(new BenchCommand(), "--shards", "4").settings(Path.of("d")).shards()).isEqualTo(4);
  }

  @Test
  void shouldRefuseNoShardsAsAUsageErrorNamingTheOption() {
    BenchCommand bench = parse(new BenchCommand(), "--shards", "0");

    assertThatThrownBy(() -> bench.settings(Path.of("d"))).isInstanceOf(UsageError.class)
        .hasMessage("--models 1000 --texts 10000 --families 40 --texts-per-record 500 --in-flight 8 --probe-models 20"
            + " --benchmarks 5 --observed-models 800 --shards 0: need at least 1 shard");
  }

  @Test
  void shouldNeverObserveTheProbeModels() {
    // K = 100 with 20 probe models: at most 100 - 20 = 80 observed, though 800 are asked for (the default)
    BenchCommand bench = parse(new BenchCommand(), "--models", "100", "--probe-models", "20");
    assertThat(bench.settings(Path.of("d")).observedModels()).isEqualTo(80);
  }

  @Test
  void shouldUseTheDocumentedBenchDefaults() {
    ScaleBenchmark.Settings settings = parse(new BenchCommand()).settings(Path.of("d"));
    // K 1000, N 10000, 40 families, 500 per record, 8 in flight, 20 probes, seed 1, 1g, 25 ms and a 10 ms poll wait
    // (the aggregator's defaults since issue 31), 5 benchmarks; observed min(800, 1000 - 20) = 800; one instance
    assertThat(settings).isEqualTo(new ScaleBenchmark.Settings(1000, 10000, 40, 500, 8, 20, 1, "1g", 25, 10, 5, 800,
        Path.of("d"), 1, false));
  }

  @Test
  void shouldRefuseAsAUsageErrorAsManyProbeModelsAsModels() {
    BenchCommand bench = parse(new BenchCommand(), "--models", "10", "--probe-models", "10");

    assertThatThrownBy(() -> bench.settings(Path.of("d"))).isInstanceOf(UsageError.class)
        .hasMessage("--models 10 --texts 10000 --families 40 --texts-per-record 500 --in-flight 8 --probe-models 10"
            + " --benchmarks 5 --observed-models 800: need at least 2 models, 1 text and 1 ≤ probe models < models");
  }

  @Test
  void shouldExitTwoWithOneLineForNoFamiliesBeforeStartingAnything(@org.junit.jupiter.api.io.TempDir Path dir) {
    StringWriter err = new StringWriter();
    Path data = dir.resolve("bench");

    int exit = ModelMapCli.commandLine().setErr(new PrintWriter(err)).execute("bench", "--models", "20", "--texts", "10",
        "--probe-models", "5", "--observed-models", "10", "--families", "0", "--data-dir", data.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("modelmap bench: --models 20 --texts 10 --families 0 --texts-per-record 500"
        + " --in-flight 8 --probe-models 5 --benchmarks 5 --observed-models 10: need at least 1 family, 1 text per"
        + " record and 1 model in flight, and a --commit-interval-ms and --poll-ms of at least 1" + System.lineSeparator());
    assertThat(data).doesNotExist();
  }

  @Test
  void shouldExitTwoWithOneLineForACommitIntervalOfZeroBeforeStartingAnything(@org.junit.jupiter.api.io.TempDir Path dir) {
    StringWriter err = new StringWriter();
    Path data = dir.resolve("bench");

    int exit = ModelMapCli.commandLine().setErr(new PrintWriter(err)).execute("bench", "--models", "20", "--texts", "10",
        "--probe-models", "5", "--observed-models", "10", "--commit-interval-ms", "0", "--data-dir", data.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("modelmap bench: --models 20 --texts 10 --families 40 --texts-per-record 500"
        + " --in-flight 8 --probe-models 5 --benchmarks 5 --observed-models 10: need at least 1 family, 1 text per"
        + " record and 1 model in flight, and a --commit-interval-ms and --poll-ms of at least 1" + System.lineSeparator());
    assertThat(data).doesNotExist();
  }
}
