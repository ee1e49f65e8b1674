package io.modelmap.kafka;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;

/**
 * Where a {@link Waiter} shows how the wait goes. The CLI gives it a line that redraws in a terminal; services and
 * tests use {@link #lines}, which prints plain lines at a fixed pace.
 */
public interface WaitProgress {
  /** The current state: a line, and how much of the whole is done (0 to 1, NaN when unknown). */
  void update(String line, double fraction);

  /** A line of its own, printed once (something happened that the state line would overwrite). */
  void note(String line);

  /** The last line of the wait: done, or given up. */
  void finish(String line);

  /** Plain lines: the first state, then one every {@code every}, each note, and the last line. */
  static WaitProgress lines(PrintStream out, Clock clock, Duration every) {
    return new WaitProgress() {
      private Long lastReport;

      @Override
      public void update(String line, double fraction) {
        if (lastReport == null || clock.millis() - lastReport >= every.toMillis()) {
          out.println(line);
          lastReport = clock.millis();
        }
      }

      @Override
      public void note(String line) {
        out.println(line);
      }

      @Override
      public void finish(String line) {
        out.println(line);
      }
    };
  }
}
