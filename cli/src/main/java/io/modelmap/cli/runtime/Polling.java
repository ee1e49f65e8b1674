package io.modelmap.cli.runtime;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Polls a remote system (there is no condition object to wait on) every 500 ms until a check says
 * done, printing progress every 2 s, and gives up with the check's explanation after a timeout.
 */
final class Polling {
  /** One look at the system: done or not, a line of progress (or of completion), and what to say on timeout. */
  record Status(boolean done, String line, String whenTimedOut) {}

  private Polling() {}

  static void until(Supplier<Status> check, Duration timeout, PrintStream progress, Clock clock)
      throws TimeoutException, InterruptedException {
    long deadline = clock.millis() + timeout.toMillis();
    long lastReport = 0;
    while (true) {
      Status status = check.get();
      if (status.done()) {
        progress.println(status.line());
        return;
      }
      if (clock.millis() - lastReport > 2000) {
        progress.println(status.line());
        lastReport = clock.millis();
      }
      if (clock.millis() > deadline) {
        throw new TimeoutException(status.whenTimedOut() + " (gave up after " + timeout + ")");
      }
      Thread.sleep(500);
    }
  }
}
