package io.modelmap.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** {@code --serve} never says "Serving" over a dead aggregator, and stops serving when it dies. */
class ServingTest {
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  @Test
  void shouldRefuseToServeOverADeadAggregator() {
    Throwable thrown = catchThrowable(() -> Serving.serve(() -> false, () -> "ERROR", "dashboard http://x/",
        "data/modelmap.log", out, new CountDownLatch(1)));

    assertThat(thrown).isInstanceOf(Serving.AggregatorStopped.class)
        .hasMessageContaining("state ERROR").hasMessageContaining("data/modelmap.log");
    assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("Serving");
  }

  @Test
  void shouldStopServingWhenTheAggregatorDies() {
    AtomicBoolean alive = new AtomicBoolean(true);
    new Thread(() -> {
      while (!printed.toString(StandardCharsets.UTF_8).contains("Serving")) {
        Thread.onSpinWait();
      }
      alive.set(false);
    }).start();

    Throwable thrown = catchThrowable(() -> Serving.serve(alive::get, () -> "ERROR", "dashboard http://x/",
        "data/modelmap.log", out, new CountDownLatch(1)));

    assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("Serving: dashboard http://x/");
    assertThat(thrown).isInstanceOf(Serving.AggregatorStopped.class);
  }

  @Test
  void shouldServeUntilStoppedWhileTheAggregatorRuns() throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    stop.countDown();
    Serving.serve(() -> true, () -> "RUNNING", "dashboard http://x/", "log", out, stop);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Serving: dashboard http://x/. Ctrl-C to stop.");
  }
}
