package io.modelmap.cli.runtime;

import io.modelmap.cli.terminal.SmoothedRate;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The pace part of a progress line: tokens/s of a local scorer and the time left at the smoothed rate
 * ({@link SmoothedRate}), or, once no text was scored for {@link #STALLED_AFTER}, what the local scorer is
 * busy with (answering items and writing responses take minutes and score no text), or "stalled" with how long
 * nothing moved when it is busy with nothing (a rate over time that scored nothing only makes the time left grow).
 */
final class ScoringPace {
  static final Duration STALLED_AFTER = SmoothedRate.STALLED_AFTER;

  private final Clock clock;
  private final LongSupplier tokens;
  private final Supplier<Optional<String>> scorerWork;
  private final long started;
  private final SmoothedRate texts;

  /** A pace measured from now; {@code tokens} (tokens scored so far) is null without a local scorer. */
  ScoringPace(Clock clock, LongSupplier tokens) {
    this(clock, tokens, Optional::empty);
  }

  /** The same, with what the local scorer is doing now (empty while it waits for tasks). */
  ScoringPace(Clock clock, LongSupplier tokens, Supplier<Optional<String>> scorerWork) {
    this.clock = clock;
    this.tokens = tokens;
    this.scorerWork = scorerWork;
    this.started = clock.millis();
    this.texts = new SmoothedRate(clock);
  }

  /** What to append to a progress line at {@code scored} of {@code total} texts. */
  String describe(long scored, long total) {
    texts.observe(scored);
    if (scored < total && texts.stalled()) {
      return scorerWork.get().map(work -> "; the scorer is " + work)
          .orElse("; stalled: nothing scored for " + SmoothedRate.readable(texts.still()));
    }
    long elapsedMs = clock.millis() - started;
    if (tokens == null || elapsedMs < 1000) {
      return "";
    }
    String left = texts.timeLeft(total).filter(d -> scored < total)
        .map(d -> ", about " + SmoothedRate.readable(d) + " left").orElse("");
    return String.format(Locale.ROOT, "; %,.0f tokens/s%s", tokens.getAsLong() * 1000.0 / elapsedMs, left);
  }
}
