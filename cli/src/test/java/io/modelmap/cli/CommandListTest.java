package io.modelmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bare {@code ./modelmap} lists the commands by audience; a mistyped command or option gets a suggestion. */
class CommandListTest {
  @Test
  void shouldListEveryCommandGroupedByAudienceOnABareCall() {
    CliRun outcome = CliRun.of();

    assertThat(outcome.exitCode()).isEqualTo(2);
    String nl = System.lineSeparator();
    assertThat(outcome.err()).startsWith("Usage: modelmap COMMAND [OPTIONS]").contains(nl + "Start here:" + nl);
    assertThat(outcome.err()).containsPattern("Start here:\\R  demo +Start the embedded default[^\\n]*\\R  map +Map"
        + " your own checkpoints\\R");
    assertThat(outcome.err()).containsPattern("Running the services:\\R(  .*\\R)*  scorer +Run a scorer worker \\(DJL,"
        + " PyTorch engine\\)\\R");
    for (String command : ModelMapCli.commandLine().getSubcommands().keySet()) {
      if (!command.equals("help")) {
        assertThat(outcome.err()).as(command).containsPattern("\\R  " + command + " +\\S");
      }
    }
    assertThat(outcome.err().lines().filter(line -> line.startsWith("  "))).allMatch(line -> line.length() <= 90);
  }

  @Test
  void shouldSuggestTheCommandAMistypedOneIsClosestTo() {
    CliRun outcome = CliRun.of("dmeo");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).isEqualTo("modelmap: Unmatched argument at index 0: 'dmeo'; did you mean demo? (see"
        + " modelmap --help)" + System.lineSeparator());
    assertThat(outcome.err().lines()).hasSize(1);
  }

  @Test
  void shouldSuggestTheOptionAMistypedOneIsClosestTo() {
    CliRun outcome = CliRun.of("map", "--tiemout", "10m");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).isEqualTo("modelmap map: Unknown options: '--tiemout', '10m'; did you mean --timeout? (see"
        + " modelmap map --help)" + System.lineSeparator());
    assertThat(outcome.err().lines()).hasSize(1);
  }
}
