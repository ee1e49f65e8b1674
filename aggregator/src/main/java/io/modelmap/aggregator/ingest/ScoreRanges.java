package io.modelmap.aggregator.ingest;

import java.util.Locale;
import java.util.Map;

/**
 * The values a benchmark score can plausibly take, by metric: one outlier such as 1e300 would otherwise
 * dominate every ridge and CPP fit of its benchmark. Rates ({@code accuracy}, {@code acc},
 * {@code acc_norm}, {@code exact_match}, {@code f1}, {@code pass@1}) lie in 0–100, which holds them as
 * fractions or as percentages; any other metric (the default {@code score}: leaderboard points, Elo
 * ratings, perplexities) lies within ±1,000,000.
 */
public final class ScoreRanges {
  /** Bound of a metric this class does not name. */
  static final double OTHER_BOUND = 1e6;
  private static final Range RATE = new Range(0, 100);
  private static final Map<String, Range> BY_METRIC = Map.of("accuracy", RATE, "acc", RATE, "acc_norm", RATE,
      "exact_match", RATE, "f1", RATE, "pass@1", RATE);

  private ScoreRanges() {}

  /** The closed interval of plausible values of {@code metric} (case-insensitive). */
  public static Range of(CharSequence metric) {
    return BY_METRIC.getOrDefault(metric == null ? "" : metric.toString().toLowerCase(Locale.ROOT),
        new Range(-OTHER_BOUND, OTHER_BOUND));
  }

  /** A closed interval. */
  public record Range(double min, double max) {
    public boolean contains(double value) {
      return value >= min && value <= max;
    }
  }
}
