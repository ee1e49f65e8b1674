package io.modelmap.math.agreement;

/**
 * The §3 statistics of a pair, derived from its counts. A rate whose denominator is zero is NaN.
 *
 * @param overall P(same answer)
 * @param bothCorrect P(both correct)
 * @param whenEitherWrong P(same answer | at least one wrong)
 * @param whenBothWrong P(same answer | both wrong)
 * @param baselineBothWrong the random baseline of {@code whenBothWrong}: Σ_k f_k/(k−1), f_k the share
 *     of both-wrong items with k choices
 */
public record AgreementRates(double overall, double bothCorrect, double whenEitherWrong, double whenBothWrong,
    double baselineBothWrong) {

  public static AgreementRates of(PairCounts c) {
    return new AgreementRates(
        ratio(c.same(), c.items()),
        ratio(c.bothCorrect(), c.items()),
        ratio(c.agreeEitherWrong(), c.eitherWrong()),
        ratio(c.agreeBothWrong(), c.bothWrong()),
        baseline(c));
  }

  private static double baseline(PairCounts c) {
    if (c.bothWrong() == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int k = 2; k <= c.maxChoices(); k++) {
      sum += (double) c.bothWrongWithChoices(k) / c.bothWrong() / (k - 1);
    }
    return sum;
  }

  private static double ratio(long numerator, long denominator) {
    return denominator == 0 ? Double.NaN : (double) numerator / denominator;
  }
}
