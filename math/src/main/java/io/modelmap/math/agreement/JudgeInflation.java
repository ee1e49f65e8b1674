package io.modelmap.math.agreement;

/**
 * LLM-as-judge (correlated-errors paper §4): a model's accuracy when the judge's answer is taken as
 * the truth, against its true accuracy, over the items both answered.
 *
 * @param judgedAccuracy share of items where the model's answer equals the judge's
 * @param trueAccuracy share of items the model answered correctly
 * @param items items both answered
 */
public record JudgeInflation(double judgedAccuracy, double trueAccuracy, long items) {

  /** Inflation of {@code B} judged by {@code A}, from the pair's counts (A first). */
  public static JudgeInflation ofSecondJudgedByFirst(PairCounts counts) {
    return of(counts.items(), counts.same(), counts.correctB());
  }

  /**
   * @param items items judge and model both answered
   * @param same items where the model chose the judge's option
   * @param correct items the model answered correctly
   */
  public static JudgeInflation of(long items, long same, long correct) {
    if (items == 0) {
      return new JudgeInflation(Double.NaN, Double.NaN, 0);
    }
    return new JudgeInflation((double) same / items, (double) correct / items, items);
  }

  /** Judged minus true accuracy: above 0 the judge flatters the model. */
  public double inflation() {
    return judgedAccuracy - trueAccuracy;
  }
}
