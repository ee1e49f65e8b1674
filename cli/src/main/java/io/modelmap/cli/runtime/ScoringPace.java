package io.modelmap.cli.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;

/** The pace part of a progress line: tokens/s of a local scorer and the time left at the rate so far. */
final class ScoringPace {
  private final Clock clock;
  private final LongSupplier tokens;
  private final long started;

  /** A pace measured from now; {@code tokens} (tokens scored so far) is null without a local scorer. */
  ScoringPace(Clock clock, LongSupplier tokens) {
    this.clock = clock;
    this.tokens = tokens;
    this.started = clock.millis();
  }

  /** What to append to a progress line at {@code scored} of {@code total} texts; empty without a local scorer. */
  String describe(long scored, long total) {
    long elapsedMs = clock.millis() - started;
    if (tokens == null || elapsedMs < 1000) {
      return "";
    }
    String left = scored == 0 ? "" : String.format(", about %s left",
        Duration.ofMillis(elapsedMs * (total - scored) / scored).toSeconds() + " s");
    return String.format("; %,.0f tokens/s%s", tokens.getAsLong() * 1000.0 / elapsedMs, left);
  }
}
