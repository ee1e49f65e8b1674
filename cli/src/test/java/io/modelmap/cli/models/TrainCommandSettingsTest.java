package io.modelmap.cli.models;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code train} options that become more than a plain field: parsed only, nothing started. */
class TrainCommandSettingsTest {

  private static <T> T parse(T command, String... args) {
    new CommandLine(command).parseArgs(args);
    return command;
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
