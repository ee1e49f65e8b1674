package io.modelmap.cli.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Download progress as a person reads it, on a given clock. */
class DownloadLinesTest {
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private long now;

  private DownloadLines lines(boolean terminal) {
    return new DownloadLines(new PrintStream(printed, true, StandardCharsets.UTF_8), terminal, () -> now);
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
}
