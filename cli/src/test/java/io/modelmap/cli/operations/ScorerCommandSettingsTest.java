package io.modelmap.cli.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.scorer.worker.ScorerConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code scorer} options that become the worker's {@link ScorerConfig}: parsed only, nothing started. */
class ScorerCommandSettingsTest {

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
}
