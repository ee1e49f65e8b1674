package io.modelmap.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.cli.ModelMapCli;
import io.modelmap.cli.runtime.InputRefused;
import io.modelmap.formats.FilePosition;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * What a user sees when a command fails: one line on stderr naming the command, nothing on stdout, no stack trace,
 * and exit 2 for a command used wrongly or 1 for bad data or a failure while running. Runs through the real
 * {@link ModelMapCli#commandLine()}, with a {@code probe} subcommand that throws the exception under test.
 */
class ErrorReporterTest {

  /** A subcommand that fails with the exception it is given. */
  @Command(name = "probe")
  static final class Probe implements Callable<Integer> {
    private final Exception failure;

    Probe(Exception failure) {
      this.failure = failure;
    }

    @Override
    public Integer call() throws Exception {
      throw failure;
    }
  }

  private record Outcome(int exitCode, String out, String err) {}

  private static Outcome run(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // after addSubcommand: setOut/setErr reach every subcommand already added
    cli.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    int exitCode = cli.execute(args);
    return new Outcome(exitCode, out.toString(), err.toString());
  }

  private static Outcome failingWith(Exception failure) {
    return run(ModelMapCli.commandLine().addSubcommand(new Probe(failure)), "probe");
  }

  private static void assertOneLine(Outcome outcome, int exitCode, String line) {
    assertThat(outcome.exitCode()).isEqualTo(exitCode);
    assertThat(outcome.err()).isEqualTo(line + System.lineSeparator());
    assertThat(outcome.err()).doesNotContain("\tat ");
    assertThat(outcome.out()).isEmpty();
  }

  @Test
  void shouldExitTwoWithTheMessageOfAUsageError() {
    assertOneLine(failingWith(new UsageError("corpus needs at least one --corpus FILE|DIR")), 2,
        "modelmap probe: corpus needs at least one --corpus FILE|DIR");
  }

  @Test
  void shouldExitTwoNamingAMissingFile() {
    assertOneLine(failingWith(new NoSuchFileException("data/L.csv")), 2, "modelmap probe: data/L.csv: no such file or folder");
  }

  @Test
  void shouldExitTwoNamingAFileItMayNotRead() {
    assertOneLine(failingWith(new AccessDeniedException("/root/L.csv")), 2, "modelmap probe: /root/L.csv: permission denied");
  }

  @Test
  void shouldUnwrapAnUncheckedMissingFile() {
    assertOneLine(failingWith(new UncheckedIOException(new NoSuchFileException("items.jsonl"))), 2,
        "modelmap probe: items.jsonl: no such file or folder");
  }

  @Test
  void shouldExitOneWithTheMessageOfRefusedInput() {
    assertOneLine(failingWith(new InputRefused("corpus 'c' exists with other texts")), 1,
        "modelmap probe: corpus 'c' exists with other texts");
  }

  @Test
  void shouldExitOneWithTheMessageOfAnIoFailure() {
    assertOneLine(failingWith(new IOException("disk full")), 1, "modelmap probe: disk full");
  }

  @Test
  void shouldExitOneNamingFileLineAndFieldOfABadInputFile() {
    IOException bad = FilePosition.line("scores.csv", 3).field("score").refuse("not a number: 'x'");
    // FilePosition's form: "<file> line <n>, field <name>: <problem>"
    assertOneLine(failingWith(bad), 1, "modelmap probe: scores.csv line 3, field score: not a number: 'x'");
  }

  @Test
  void shouldExitOneWithTheMessageOfAnIllegalArgument() {
    assertOneLine(failingWith(new IllegalArgumentException("k must be positive")), 1, "modelmap probe: k must be positive");
  }

  @Test
  void shouldSayWhatFailedAndWhyForAnUnexpectedException() {
    RuntimeException unexpected = new IllegalStateException("store closed", new ArithmeticException("/ by zero"));
    assertOneLine(failingWith(unexpected), 1,
        "modelmap probe: failed: IllegalStateException: store closed (caused by ArithmeticException: / by zero)");
  }

  @Test
  void shouldNameOnlyTheClassOfAnUnexpectedExceptionWithoutMessage() {
    assertOneLine(failingWith(new NullPointerException()), 1, "modelmap probe: failed: NullPointerException");
  }

  @Test
  void shouldExitTwoOnAnUnknownOptionAndPointToTheCommandsHelp() {
    assertOneLine(run(ModelMapCli.commandLine(), "demo", "--no-such-option"), 2,
        "modelmap demo: Unknown option: '--no-such-option' (see modelmap demo --help)");
  }

  @Test
  void shouldExitTwoOnAMissingRequiredOption() {
    Outcome outcome = run(ModelMapCli.commandLine(), "corpus", "--corpus", "docs");
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).startsWith("modelmap corpus: Missing required option: '--corpus-id")
        .endsWith(" (see modelmap corpus --help)" + System.lineSeparator());
    assertThat(outcome.out()).isEmpty();
  }

  @Test
  void shouldPointANestedCommandToItsOwnHelp() {
    CommandLine cli = ModelMapCli.commandLine();
    cli.getSubcommands().get("topics").addSubcommand(new Probe(new IOException("unused")));
    assertOneLine(run(cli, "topics", "probe", "--bad"), 2,
        "modelmap probe: Unknown option: '--bad' (see modelmap topics probe --help)");
  }
}
