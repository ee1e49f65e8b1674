package io.modelmap.cli.runtime;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code --serve}: keeps the embedded default running until Ctrl-C, and only while the aggregator
 * runs: "Serving" is never printed over a dead aggregator, and one that dies while serving ends the
 * command with the reason instead of leaving a dashboard that no longer updates.
 */
public final class Serving {
  private static final Duration LOOK_EVERY = Duration.ofSeconds(1);

  private Serving() {}

  public static void untilInterrupted(EmbeddedSystem system, PrintStream out) throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
    serve(system::aggregatorAlive, system::aggregatorState, "dashboard " + system.dashboardUrl() + ", bootstrap "
        + system.connection().bootstrapServers() + ", schema registry " + system.connection().schemaRegistryUrl(),
        system.dataDir().resolve("modelmap.log").toString(), out, stop);
  }

  /**
   * Prints "Serving" and waits for {@code stop} while {@code alive}; throws {@link AggregatorStopped}
   * at once, or as soon as it stops, when the aggregator is not alive.
   */
  static void serve(BooleanSupplier alive, Supplier<String> state, String where, String log, PrintStream out,
      CountDownLatch stop) throws InterruptedException {
    if (!alive.getAsBoolean()) {
      throw new AggregatorStopped(state.get(), log);
    }
    out.println("Serving: " + where + ". Ctrl-C to stop.");
    while (!stop.await(LOOK_EVERY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      if (!alive.getAsBoolean()) {
        throw new AggregatorStopped(state.get(), log);
      }
    }
  }

  /** The aggregator stopped: nothing is served any more. */
  public static final class AggregatorStopped extends IllegalStateException {
    AggregatorStopped(String state, String log) {
      super("the aggregator stopped (Kafka Streams state " + state + "); nothing is served. Its log says why: " + log);
    }
  }
}
