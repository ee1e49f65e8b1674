package io.modelmap.cli.runtime;

import io.modelmap.cli.terminal.ProgressLine;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Polls a remote system (there is no condition object to wait on) every 500 ms until a check says
 * done, showing its progress on a {@link ProgressLine} (redrawn on a terminal, sparse in a log), and gives
 * up with the check's explanation after a timeout.
 */
final class Polling {
  /**
   * One look at the system: done or not, a line of progress (or of completion), what to say on timeout,
   * how much of the whole is done (0 to 1, NaN when unknown) and lines of their own to print first.
   */
  record Status(boolean done, String line, String whenTimedOut, double fraction, List<String> notes) {
    Status(boolean done, String line, String whenTimedOut) {
      this(done, line, whenTimedOut, Double.NaN, List.of());
    }
  }

  private Polling() {}

  static void until(Supplier<Status> check, Duration timeout, PrintStream progress, Clock clock)
      throws TimeoutException, InterruptedException {
    ProgressLine line = ProgressLine.on(progress, clock);
    long deadline = clock.millis() + timeout.toMillis();
    while (true) {
      Status status = check.get();
      status.notes().forEach(line::note);
      if (status.done()) {
        line.finish(status.line());
        return;
      }
      line.update(status.line(), status.fraction());
      if (clock.millis() > deadline) {
        line.finish(status.line());
        throw new TimeoutException(status.whenTimedOut() + " (gave up after " + timeout + ")");
      }
      Thread.sleep(500);
    }
  }
}
