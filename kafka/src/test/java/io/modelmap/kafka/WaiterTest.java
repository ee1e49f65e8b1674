package io.modelmap.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.testsupport.time.SteppedClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one waiter: it stops when the check says done, reports at its pace, and times out with the check's reason. */
class WaiterTest {
  private final SteppedClock clock = new SteppedClock(Instant.EPOCH);
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final Waiter waiter = new Waiter(new PrintStream(printed, true, StandardCharsets.UTF_8), clock,
      Duration.ofMillis(1), Duration.ofSeconds(2));

  @Test
  void shouldReturnWhenTheCheckIsDoneReportingTheFirstLookThenEveryTwoSeconds() throws Exception {
    AtomicInteger looks = new AtomicInteger();
    // each look takes 1.5 s: looks end at 1.5, 3.0, 4.5 and 6.0 s; reports at 1.5 (the first) and 4.5 (3 s later)
    waiter.until(() -> {
      int look = looks.incrementAndGet();
      clock.advance(Duration.ofMillis(1500));
      return new Waiter.Status(look == 4, look == 4 ? "done" : "look " + look, "not yet");
    }, Duration.ofMinutes(1));

    assertThat(looks).hasValue(4);
    assertThat(printed.toString(StandardCharsets.UTF_8).lines()).containsExactly("look 1", "look 3", "done");
  }

  @Test
  void shouldGiveUpAfterTheTimeoutWithTheChecksReason() {
    AtomicInteger looks = new AtomicInteger();
    // each look takes 2 s against a 5 s timeout: the third look ends at 6 s, past the deadline
    assertThatThrownBy(() -> waiter.until(() -> {
      int look = looks.incrementAndGet();
      clock.advance(Duration.ofMillis(2000));
      return new Waiter.Status(false, "look " + look, "only " + look + " of 4 models");
    }, Duration.ofSeconds(5)))
        .isInstanceOf(TimeoutException.class)
        .hasMessage("only 3 of 4 models (gave up after PT5S)");
    assertThat(looks).hasValue(3);
  }

  @Test
  void shouldStopAtOnceWhenTheCheckThrows() {
    AtomicInteger looks = new AtomicInteger();
    assertThatThrownBy(() -> waiter.until(() -> {
      looks.incrementAndGet();
      throw new IllegalStateException("the scorer stopped");
    }, Duration.ofMinutes(1))).isInstanceOf(IllegalStateException.class).hasMessage("the scorer stopped");
    assertThat(looks).hasValue(1);
  }

  @Test
  void shouldShowTheNotesOfALookThatStopsTheWaitOnceBeforeTheFailure() {
    AtomicInteger looks = new AtomicInteger();
    // a progress that records the order of what it shows; the failure is recorded where it leaves the waiter
    java.util.List<String> shown = new java.util.ArrayList<>();
    WaitProgress progress = new WaitProgress() {
      @Override
      public void update(String line, double fraction) {
        shown.add("update " + line);
      }

      @Override
      public void note(String line) {
        shown.add("note " + line);
      }

      @Override
      public void finish(String line) {
        shown.add("finish " + line);
      }
    };
    Waiter noting = new Waiter(progress, clock, Duration.ofMillis(1));

    assertThatThrownBy(() -> {
      try {
        noting.until(() -> {
          int look = looks.incrementAndGet();
          if (look == 2) {
            throw new StoppedLook("none of the 2 models can be mapped", java.util.List.of("refused a", "refused b"));
          }
          return new Waiter.Status(false, "look " + look, "not yet");
        }, Duration.ofMinutes(1));
      } finally {
        shown.add("failed");
      }
    }).isInstanceOf(StoppedLook.class).hasMessage("none of the 2 models can be mapped");

    assertThat(looks).hasValue(2);
    assertThat(shown).containsExactly("update look 1", "note refused a", "note refused b", "failed");
  }
}
