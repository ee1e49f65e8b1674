package io.modelmap.cli.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.cli.ModelMapCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code watch-hub} refuses a bad rules file in one line, exit 2, before it connects to anything. */
class WatchHubRefusalsTest {
  @TempDir
  Path dir;

  private record Outcome(int exitCode, String err) {
  }

  private Outcome run(String... args) {
    StringWriter err = new StringWriter();
    int exitCode = ModelMapCli.commandLine(Map.of("HF_HOME", dir.resolve("hf").toString()))
        .setErr(new PrintWriter(err)).execute(args);
    return new Outcome(exitCode, err.toString());
  }

  @Test
  void shouldNameTheFileLineAndFieldOfABadRulesFile() throws Exception {
    Path rules = Files.writeString(dir.resolve("rules.yaml"), "corpus: c\nmax-params: 10\n");

    Outcome outcome = run("watch-hub", "--once", "--rules", rules.toString(), "--bootstrap-servers", "127.0.0.1:1");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).startsWith("modelmap watch-hub: --rules " + rules + " line 2: unknown field"
        + " 'max-params' (known: ").hasLineCount(1);
  }

  @Test
  void shouldRefuseAMissingRulesFile() {
    Path missing = dir.resolve("none.yaml");

    Outcome outcome = run("watch-hub", "--rules", missing.toString(), "--bootstrap-servers", "127.0.0.1:1");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).isEqualTo("modelmap watch-hub: --rules " + missing + ": no such file"
        + System.lineSeparator());
  }

  @Test
  void shouldRefuseToWatchOffline() throws Exception {
    Path rules = Files.writeString(dir.resolve("rules.yaml"), "corpus: c\n");
    StringWriter err = new StringWriter();

    int exitCode = ModelMapCli.commandLine(Map.of("HF_HOME", dir.resolve("hf").toString(), "HF_HUB_OFFLINE", "1"))
        .setErr(new PrintWriter(err)).execute("watch-hub", "--rules", rules.toString(), "--bootstrap-servers",
            "127.0.0.1:1");

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("modelmap watch-hub: watch-hub reads the Hub's listing: unset HF_HUB_OFFLINE"
        + System.lineSeparator());
  }
}
