package io.modelmap.cli.terminal;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The rate of a count that moves in bursts (scores arrive a batch at a time, slower while the machine is
 * busy), smoothed so that the time left neither jumps nor runs backwards: each move is one sample of
 * (count moved) / (time since the last move), weighted by 1 − e^(−Δt/τ) against the rate so far (an
 * exponentially weighted mean over time, τ = {@link #SMOOTHING}). While nothing moves the rate is held, and
 * after {@link #STALLED_AFTER} the count is "stalled": a rate over time in which nothing moved only makes
 * the time left grow.
 */
public final class SmoothedRate {
  /** Longer than a small model's load or a slow batch on CPU, short enough to tell a stall while it lasts. */
  public static final Duration STALLED_AFTER = Duration.ofSeconds(30);
  /** About the last half minute counts: long enough to span a few bursts, short enough to follow a change. */
  public static final Duration SMOOTHING = Duration.ofSeconds(30);

  private final Clock clock;
  private long lastCount = -1;
  private long lastMoved;
  private double perMilli = Double.NaN;

  public SmoothedRate(Clock clock) {
    this.clock = clock;
    this.lastMoved = clock.millis();
  }

  /** Records the count now; the first count is where this measurement starts (work done before says nothing of its rate). */
  public void observe(long count) {
    long now = clock.millis();
    if (lastCount < 0) {
      lastCount = count;
      lastMoved = now;
      return;
    }
    if (count == lastCount) {
      return;
    }
    long elapsed = Math.max(1, now - lastMoved);
    double sample = (count - lastCount) / (double) elapsed;
    double weight = 1 - Math.exp(-elapsed / (double) SMOOTHING.toMillis());
    perMilli = Double.isNaN(perMilli) ? sample : weight * sample + (1 - weight) * perMilli;
    lastCount = count;
    lastMoved = now;
  }

  /** The smoothed rate per second; NaN before the count first moved. */
  public double perSecond() {
    return perMilli * 1000;
  }

  /** How long the count has not moved. */
  public Duration still() {
    return Duration.ofMillis(clock.millis() - lastMoved);
  }

  /** Whether the count has not moved for {@link #STALLED_AFTER}. */
  public boolean stalled() {
    return still().compareTo(STALLED_AFTER) >= 0;
  }

  /** The time until {@code total} at the smoothed rate; empty before the count first moved, or when it goes backwards. */
  public Optional<Duration> timeLeft(long total) {
    if (Double.isNaN(perMilli) || perMilli <= 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis((long) (Math.max(0, total - lastCount) / perMilli)));
  }

  /** A duration as a person reads it: "45 s", "12 min", "2 h 5 min". */
  public static String readable(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 7200) {
      return Math.round(seconds / 60.0) + " min";
    }
    return String.format(Locale.ROOT, "%d h %d min", seconds / 3600, (seconds % 3600) / 60);
  }
}
