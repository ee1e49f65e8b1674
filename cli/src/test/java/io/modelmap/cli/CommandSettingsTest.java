package io.modelmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.cli.bench.ScaleBenchmark;
import io.modelmap.scorer.worker.ScorerConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Options that become settings through more than a plain field: parsed only, nothing started. */
class CommandSettingsTest {

  private static <T> T parse(T command, String... args) {
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void shouldPassTheScorerOptionsToTheWorkersSettings() {
    ScorerCommand scorer = parse(new ScorerCommand(), "--model-root", "models", "--model-root", "more",
        "--allow-torchscript-root", "more", "--group-id", "g1", "--max-attempts", "5", "--max-model-gib", "3",
        "--device", "cpu", "--batch-size", "4");

    ScorerConfig config = scorer.config("worker-1");

    assertThat(config.groupId()).isEqualTo("g1");
    assertThat(config.workerId()).isEqualTo("worker-1");
    // ScorerConfig keeps roots absolute: relative ones resolve against the working folder
    Path here = Path.of("").toAbsolutePath();
    assertThat(config.modelRoots()).containsExactly(here.resolve("models"), here.resolve("more"));
    assertThat(config.torchScriptRoots()).containsExactly(here.resolve("more"));
    assertThat(config.maxAttempts()).isEqualTo(5);
    assertThat(config.maxModelBytes()).isEqualTo(3_221_225_472L); // 3 GiB = 3 × 1,073,741,824 bytes
    assertThat(config.device()).isEqualTo("cpu");
    assertThat(config.batchSize()).isEqualTo(4);
  }

  @Test
  void shouldAllowNoTorchScriptRootUnlessNamed() {
    ScorerCommand scorer = parse(new ScorerCommand(), "--model-root", "models");
    assertThat(scorer.config("w").torchScriptRoots()).isEqualTo(List.of());
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
  void shouldNeverObserveTheProbeModels() {
    // K = 100 with 20 probe models: at most 100 - 20 = 80 observed, though 800 are asked for (the default)
    BenchCommand bench = parse(new BenchCommand(), "--models", "100", "--probe-models", "20");
    assertThat(bench.settings(Path.of("d")).observedModels()).isEqualTo(80);
  }

  @Test
  void shouldUseTheDocumentedBenchDefaults() {
    ScaleBenchmark.Settings settings = parse(new BenchCommand()).settings(Path.of("d"));
    // K 1000, N 10000, 40 families, 500 per record, 8 in flight, 20 probes, seed 1, 1g, 100 ms, 5 benchmarks;
    // observed min(800, 1000 - 20) = 800
    assertThat(settings).isEqualTo(new ScaleBenchmark.Settings(1000, 10000, 40, 500, 8, 20, 1, "1g", 100, 5, 800,
        Path.of("d")));
  }

  @Test
  void shouldStartNewWeightsFromTheSeedUnlessAnInitSeedIsGiven() {
    TrainCommand bySeed = parse(new TrainCommand(), "--demo-corpus", "--out", "m", "--seed", "7");
    TrainCommand byInitSeed = parse(new TrainCommand(), "--demo-corpus", "--out", "m", "--seed", "7", "--init-seed", "3");

    assertThat(bySeed.initialWeightsSeed()).isEqualTo(7);
    assertThat(byInitSeed.initialWeightsSeed()).isEqualTo(3);
    assertThat(byInitSeed.seed).isEqualTo(7);
  }
}
