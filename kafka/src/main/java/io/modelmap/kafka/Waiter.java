package io.modelmap.kafka;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Waits on a remote system (there is no condition object to wait on): looks at it every
 * {@code lookEvery} until a check says done, prints the check's progress line at the first look and
 * then every {@code reportEvery}, and gives up after a timeout with the check's own explanation.
 */
public final class Waiter {
  /** One look at the system: done or not, a line of progress (or of completion), and what to say on timeout. */
  public record Status(boolean done, String line, String whenTimedOut) {}

  private final PrintStream progress;
  private final Clock clock;
  private final Duration lookEvery;
  private final Duration reportEvery;

  public Waiter(PrintStream progress, Clock clock, Duration lookEvery, Duration reportEvery) {
    this.progress = Objects.requireNonNull(progress, "progress");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lookEvery = Objects.requireNonNull(lookEvery, "lookEvery");
    this.reportEvery = Objects.requireNonNull(reportEvery, "reportEvery");
  }

  /** A waiter that looks every 500 ms and reports every 2 s: the pace of the CLI's waits on the aggregator. */
  public static Waiter of(PrintStream progress, Clock clock) {
    return new Waiter(progress, clock, Duration.ofMillis(500), Duration.ofSeconds(2));
  }

  /**
   * Returns once {@code check} says done (after printing its line); a check may also throw to stop the
   * wait (a part it waits on died). Throws {@link TimeoutException} with the last look's
   * {@code whenTimedOut} once {@code timeout} has passed.
   */
  public void until(Supplier<Status> check, Duration timeout) throws TimeoutException, InterruptedException {
    long deadline = clock.millis() + timeout.toMillis();
    Long lastReport = null;
    while (true) {
      Status status = check.get();
      if (status.done()) {
        progress.println(status.line());
        return;
      }
      if (lastReport == null || clock.millis() - lastReport >= reportEvery.toMillis()) {
        progress.println(status.line());
        lastReport = clock.millis();
      }
      if (clock.millis() > deadline) {
        throw new TimeoutException(status.whenTimedOut() + " (gave up after " + timeout + ")");
      }
      Thread.sleep(lookEvery.toMillis());
    }
  }
}
