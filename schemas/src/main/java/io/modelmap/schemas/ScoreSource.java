package io.modelmap.schemas;

/** Where a {@code benchmark-scores} record came from (its {@code source} field). */
public final class ScoreSource {
  /** Published by a user ({@code import-scores}, {@code import --scores}). */
  public static final String IMPORTED = "imported";
  /** The aggregator's accuracy on a benchmark a model answered completely on {@code mc-answers}. */
  public static final String MEASURED = "measured";

  private ScoreSource() {}
}
