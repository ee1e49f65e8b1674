package io.modelmap.kafka;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Waits on a remote system (there is no condition object to wait on): looks at it every
 * {@code lookEvery} until a check says done, shows each look's state on a {@link WaitProgress}, and gives
 * up after a timeout with the check's own explanation.
 */
public final class Waiter {
  /**
   * One look at the system: done or not, a line of progress (or of completion), what to say on timeout, how much
   * of the whole is done (0 to 1, NaN when unknown) and lines of their own to print first.
   */
  public record Status(boolean done, String line, String whenTimedOut, double fraction, List<String> notes) {
    public Status {
      notes = List.copyOf(notes);
    }

    public Status(boolean done, String line, String whenTimedOut) {
      this(done, line, whenTimedOut, Double.NaN, List.of());
    }
  }

  private final WaitProgress progress;
  private final Clock clock;
  private final Duration lookEvery;

  public Waiter(WaitProgress progress, Clock clock, Duration lookEvery) {
    this.progress = Objects.requireNonNull(progress, "progress");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lookEvery = Objects.requireNonNull(lookEvery, "lookEvery");
  }

  /** Plain lines, looking every {@code lookEvery} and reporting every {@code reportEvery}. */
  public Waiter(PrintStream progress, Clock clock, Duration lookEvery, Duration reportEvery) {
    this(WaitProgress.lines(progress, clock, reportEvery), clock, lookEvery);
  }

  /** A waiter that looks every 500 ms and prints a plain line every 2 s. */
  public static Waiter of(PrintStream progress, Clock clock) {
    return new Waiter(progress, clock, Duration.ofMillis(500), Duration.ofSeconds(2));
  }

  /** A waiter that looks every 500 ms, the pace of the CLI's waits on the aggregator, and shows it on {@code progress}. */
  public static Waiter of(WaitProgress progress, Clock clock) {
    return new Waiter(progress, clock, Duration.ofMillis(500));
  }

  /**
   * Returns once {@code check} says done (after showing its line); a check may also throw to stop the
   * wait (a part it waits on died), a {@link StoppedLook} with the notes that look made, which are shown first.
   * Throws {@link TimeoutException} with the last look's {@code whenTimedOut} once {@code timeout} has passed.
   */
  public void until(Supplier<Status> check, Duration timeout) throws TimeoutException, InterruptedException {
    long deadline = clock.millis() + timeout.toMillis();
    while (true) {
      Status status;
      try {
        status = check.get();
      } catch (StoppedLook stopped) {
        stopped.notes().forEach(progress::note);
        throw stopped;
      }
      status.notes().forEach(progress::note);
      if (status.done()) {
        progress.finish(status.line());
        return;
      }
      progress.update(status.line(), status.fraction());
      if (clock.millis() > deadline) {
        progress.finish(status.line());
        throw new TimeoutException(status.whenTimedOut() + " (gave up after " + timeout + ")");
      }
      Thread.sleep(lookEvery.toMillis());
    }
  }
}
