package io.modelmap.cli.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The pace part of a progress line: tokens/s of a local scorer and the time left at the rate so far,
 * or, once nothing was scored for {@link #STALLED_AFTER}, "stalled" with how long nothing moved (a rate
 * over time that scored nothing only makes the time left grow).
 */
final class ScoringPace {
  /** Longer than a small model's load or a slow batch on CPU, short enough to tell a stall while it lasts. */
  static final Duration STALLED_AFTER = Duration.ofSeconds(30);

  private final Clock clock;
  private final LongSupplier tokens;
  private final long started;
  /** The count at the first look: texts scored before this wait (a restart) say nothing of its rate. */
  private long firstScored = -1;
  private long lastScored = -1;
  private long lastMoved;

  /** A pace measured from now; {@code tokens} (tokens scored so far) is null without a local scorer. */
  ScoringPace(Clock clock, LongSupplier tokens) {
    this.clock = clock;
    this.tokens = tokens;
    this.started = clock.millis();
    this.lastMoved = started;
  }

  /** What to append to a progress line at {@code scored} of {@code total} texts. */
  String describe(long scored, long total) {
    long now = clock.millis();
    if (firstScored < 0) {
      firstScored = scored;
    }
    if (scored != lastScored) {
      lastScored = scored;
      lastMoved = now;
    }
    long still = now - lastMoved;
    if (scored < total && still >= STALLED_AFTER.toMillis()) {
      return "; stalled: nothing scored for " + Duration.ofMillis(still).toSeconds() + " s";
    }
    long elapsedMs = now - started;
    if (tokens == null || elapsedMs < 1000) {
      return "";
    }
    long scoredHere = scored - firstScored;
    String left = scoredHere <= 0 ? "" : String.format(", about %s left",
        Duration.ofMillis(elapsedMs * (total - scored) / scoredHere).toSeconds() + " s");
    return String.format("; %,.0f tokens/s%s", tokens.getAsLong() * 1000.0 / elapsedMs, left);
  }
}
