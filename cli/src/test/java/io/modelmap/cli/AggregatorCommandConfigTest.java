package io.modelmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code modelmap aggregator}'s processing options reach the aggregator's settings. */
class AggregatorCommandConfigTest {

  private static AggregatorCommand parse(String... args) {
    AggregatorCommand command = new AggregatorCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void shouldParkEarlyRecordsForTenMinutesByDefault() {
    assertThat(parse().config().pendingTimeout()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void shouldPassThePendingTimeout() {
    assertThat(parse("--pending-timeout", "PT45S").config().pendingTimeout()).isEqualTo(Duration.ofSeconds(45));
  }
}
