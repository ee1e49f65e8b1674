package io.modelmap.math.agreement;

/** How a model's answer to a multiple-choice item is encoded: a chosen index, or one of two markers. */
public final class Answers {
  /** The model answered, but no option could be read from its answer: wrong, and agrees with nothing. */
  public static final int UNREADABLE = -1;
  /** The model has no answer for the item: the item is left out of every statistic of that model. */
  public static final int MISSING = Integer.MIN_VALUE;

  private Answers() {}

  public static boolean isAnswered(int answer) {
    return answer != MISSING;
  }

  /** Two answers agree when they name the same option; two unreadable answers do not. */
  public static boolean agree(int a, int b) {
    return a == b && a >= 0;
  }
}
