package io.modelmap.cli.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Download progress as a person reads it, on a given clock. */
class DownloadLinesTest {
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  /** Nanoseconds since the clock's start. */
  private long now;
  private final Clock clock = new Clock() {
    @Override
    public Instant instant() {
      return Instant.ofEpochSecond(0, now);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  };

  private DownloadLines lines(boolean terminal) {
    return new DownloadLines(new PrintStream(printed, true, StandardCharsets.UTF_8), terminal, clock);
  }

  @Test
  void shouldPrintOneLinePerCompleteFileWhenNotATerminal() {
    DownloadLines lines = lines(false);
    lines.update("model.safetensors", 0, 4_000_000);
    now = 1_000_000_000L;
    lines.update("model.safetensors", 2_000_000, 4_000_000);
    now = 2_000_000_000L;
    lines.update("model.safetensors", 4_000_000, 4_000_000);

    assertThat(printed.toString(StandardCharsets.UTF_8))
        .isEqualTo("  model.safetensors: 4.0 MB of 4.0 MB, 2.0 MB/s, 2.0 s" + System.lineSeparator());
  }

  @Test
  void shouldShowBytesRateAndTimeLeftOnATerminalAtMostFourTimesASecond() {
    DownloadLines lines = lines(true);
    lines.update("model.safetensors", 0, 4_000_000);
    now = 1_000_000_000L;
    lines.update("model.safetensors", 1_000_000, 4_000_000);
    now = 1_100_000_000L;
    lines.update("model.safetensors", 1_100_000, 4_000_000); // within the quarter second: not printed

    assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("\r  model.safetensors: 0 B of 4.0 MB, 0 B/s"
        + "\r  model.safetensors: 1.0 MB of 4.0 MB, 1.0 MB/s, 3 s left");
  }

  @Test
  void shouldCountOnlyThisRunsBytesInTheRateOfAResumedDownload() {
    DownloadLines lines = lines(false);
    lines.update("model.safetensors", 3_000_000, 4_000_000);
    now = 1_000_000_000L;
    lines.update("model.safetensors", 4_000_000, 4_000_000);

    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("1.0 MB/s");
  }

  @Test
  void shouldSayStalledOnATerminalWhenNothingArrivesForHalfAMinute() {
    DownloadLines lines = lines(true);
    lines.update("model.safetensors", 0, 4_000_000);
    now = 1_000_000_000L;
    lines.update("model.safetensors", 1_000_000, 4_000_000);
    now = 31_000_000_000L; // 30 s since the last byte: SmoothedRate.STALLED_AFTER
    lines.update("model.safetensors", 1_000_000, 4_000_000);

    // the rate so far is held; "stalled" replaces the time left, and one blank covers the longer line before
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .endsWith("\r  model.safetensors: 1.0 MB of 4.0 MB, 1.0 MB/s, 3 s left"
            + "\r  model.safetensors: 1.0 MB of 4.0 MB, 1.0 MB/s, stalled ");
  }

  @Test
  void shouldGiveTheTimeLeftAtTheSmoothedRateNotTheMeanSinceTheStart() {
    DownloadLines lines = lines(true);
    lines.update("model.safetensors", 0, 10_000_000);
    now = 1_000_000_000L;
    lines.update("model.safetensors", 1_000_000, 10_000_000); // 1 MB/s
    now = 2_000_000_000L;
    lines.update("model.safetensors", 4_000_000, 10_000_000); // 3 MB in the next second

    // one second of a 30 s smoothing weighs the new 3 MB/s by w = 1 - e^(-1/30) = 0.032784:
    // 0.032784 * 3 + 0.967216 * 1 = 1.065568 MB/s, so 6 MB are left for 5,630 ms (5 s); the mean since the start,
    // 2 MB/s, would say 3 s
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .endsWith("\r  model.safetensors: 4.0 MB of 10.0 MB, 1.1 MB/s, 5 s left");
  }
}
