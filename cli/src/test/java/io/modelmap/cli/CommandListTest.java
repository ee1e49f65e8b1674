package io.modelmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Bare {@code ./modelmap} lists the commands by audience; a mistyped command or option gets a suggestion. */
class CommandListTest {
  private record Outcome(int exitCode, String err) {}

  private static Outcome run(String... args) {
    StringWriter err = new StringWriter();
    int exitCode = ModelMapCli.commandLine().setErr(new PrintWriter(err)).execute(args);
    return new Outcome(exitCode, err.toString());
  }

  @Test
  void shouldListEveryCommandGroupedByAudienceOnABareCall() {
    Outcome outcome = run();

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
    Outcome outcome = run("dmeo");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).isEqualTo("modelmap: Unmatched argument at index 0: 'dmeo'; did you mean demo? (see"
        + " modelmap --help)" + System.lineSeparator());
    assertThat(outcome.err().lines()).hasSize(1);
  }

  @Test
  void shouldSuggestTheOptionAMistypedOneIsClosestTo() {
    Outcome outcome = run("map", "--tiemout", "10m");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).isEqualTo("modelmap map: Unknown options: '--tiemout', '10m'; did you mean --timeout? (see"
        + " modelmap map --help)" + System.lineSeparator());
    assertThat(outcome.err().lines()).hasSize(1);
  }
}
