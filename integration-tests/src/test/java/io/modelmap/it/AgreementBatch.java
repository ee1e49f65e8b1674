package io.modelmap.it;

import java.util.HashMap;
import java.util.Map;

/**
 * DESIGN.md §3 for one pair of models, straight from the definitions: the batch reference of an
 * {@code error-agreement} record (its seven counts, four rates and the random baseline when both are wrong).
 */
final class AgreementBatch {
  /** An item the model did not answer. */
  static final int MISSING = Integer.MIN_VALUE;

  private AgreementBatch() {}

  /**
   * @param choices each item's number of choices
   * @param gold each item's gold index
   * @param answers answers[m][i], model m's chosen index on item i: −1 unreadable, {@link #MISSING} not answered
   * @return n, same, bothCorrect, eitherWrong, agreeEitherWrong, bothWrong, agreeBothWrong, overall,
   *     bothCorrectRate, rateEitherWrong, rateBothWrong, baseline (the columns of agreement.csv after the pair)
   */
  static double[] statistics(int[] choices, int[] gold, int[][] answers, int a, int b) {
    long n = 0, same = 0, bothCorrect = 0, eitherWrong = 0, agreeEitherWrong = 0, bothWrong = 0, agreeBothWrong = 0;
    Map<Integer, Long> bothWrongByK = new HashMap<>();
    for (int i = 0; i < gold.length; i++) {
      int x = answers[a][i];
      int y = answers[b][i];
      if (x == MISSING || y == MISSING) {
        continue;
      }
      boolean agree = x == y && x != -1;
      boolean xRight = x == gold[i];
      boolean yRight = y == gold[i];
      n++;
      same += agree ? 1 : 0;
      bothCorrect += xRight && yRight ? 1 : 0;
      if (!(xRight && yRight)) {
        eitherWrong++;
        agreeEitherWrong += agree ? 1 : 0;
      }
      if (!xRight && !yRight) {
        bothWrong++;
        agreeBothWrong += agree ? 1 : 0;
        bothWrongByK.merge(choices[i], 1L, Long::sum);
      }
    }
    double baseline = 0;
    for (Map.Entry<Integer, Long> e : bothWrongByK.entrySet()) {
      baseline += ((double) e.getValue() / bothWrong) / (e.getKey() - 1);
    }
    return new double[] {n, same, bothCorrect, eitherWrong, agreeEitherWrong, bothWrong, agreeBothWrong,
        (double) same / n, (double) bothCorrect / n, (double) agreeEitherWrong / eitherWrong,
        (double) agreeBothWrong / bothWrong, baseline};
  }
}
