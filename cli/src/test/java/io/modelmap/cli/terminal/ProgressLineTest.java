package io.modelmap.cli.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.testsupport.time.SteppedClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One redrawn line on a terminal; a line per tenth of the work or per 30 s in a log. */
class ProgressLineTest {
  private static final String NL = System.lineSeparator();
  private final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-07T10:00:00Z"));
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  private ProgressLine line(boolean terminal) {
    return new ProgressLine(new PrintStream(printed, true, StandardCharsets.UTF_8), terminal, clock);
  }

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void shouldRedrawOneLineInPlaceOnATerminalBlankingALongerEarlierLine() {
    ProgressLine line = line(true);
    line.update("scored 10 of 100", 0.1);
    line.update("scored 9", 0.09);
    line.finish("done");

    assertThat(printed()).isEqualTo("\rscored 10 of 100" + "\rscored 9" + " ".repeat(8) + "\rdone    " + NL);
    assertThat(printed()).doesNotContain("scored 10 of 100" + NL);
  }

  @Test
  void shouldPrintANoteOnItsOwnLineAndRedrawTheProgressBelowIt() {
    ProgressLine line = line(true);
    line.update("1 of 3", Double.NaN);
    line.note("refused: x");

    assertThat(printed()).isEqualTo("\r1 of 3" + "\rrefused: x" + NL + "\r1 of 3");
  }

  @Test
  void shouldPrintALineInALogOnlyPerTenthOfTheWorkOrEveryThirtySeconds() {
    ProgressLine line = line(false);
    line.update("0%", 0.0);   // the first: printed
    clock.advance(Duration.ofSeconds(1));
    line.update("5%", 0.05);  // same tenth, 1 s later: not printed
    clock.advance(Duration.ofSeconds(1));
    line.update("12%", 0.12); // a new tenth
    clock.advance(Duration.ofSeconds(1));
    line.update("13%", 0.13);
    clock.advance(Duration.ofSeconds(29));
    line.update("14%", 0.14); // 30 s after the last printed line
    clock.advance(Duration.ofSeconds(1));
    line.update("15%", 0.15);
    line.finish("all done");

    assertThat(printed()).isEqualTo("0%" + NL + "12%" + NL + "14%" + NL + "all done" + NL).doesNotContain("\r");
  }

  @Test
  void shouldPrintEveryThirtySecondsWhenTheShareDoneIsUnknown() {
    ProgressLine line = line(false);
    line.update("a", Double.NaN);
    clock.advance(Duration.ofSeconds(29));
    line.update("b", Double.NaN);
    clock.advance(Duration.ofSeconds(1));
    line.update("c", Double.NaN);

    assertThat(printed()).isEqualTo("a" + NL + "c" + NL);
  }
}
