package io.modelmap.math.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** A hand-worked pair of six items covering every case of DESIGN.md §3. */
class PairCountsTest {

  /** gold, choices, answer of A, answer of B. */
  private static final int[][] ITEMS = {
      {0, 4, 0, 0},   // both correct
      {1, 4, 2, 2},   // both wrong, same wrong option
      {1, 4, 3, 0},   // both wrong, different options
      {2, 3, -1, -1}, // both unreadable: wrong, and they do not agree
      {0, 3, 0, 1},   // only A correct
      {0, 10, 5, 5},  // both wrong, same option, ten choices
  };

  private static PairCounts counts() {
    PairCounts counts = new PairCounts();
    for (int[] item : ITEMS) {
      counts.add(item[2], item[3], item[0], item[1]);
    }
    return counts;
  }

  @Test
  void countsEachCaseByDefinition() {
    PairCounts c = counts();
    assertThat(c.items()).isEqualTo(6);
    assertThat(c.same()).isEqualTo(3);
    assertThat(c.correctA()).isEqualTo(2);
    assertThat(c.correctB()).isEqualTo(1);
    assertThat(c.bothCorrect()).isEqualTo(1);
    assertThat(c.eitherWrong()).isEqualTo(5);
    assertThat(c.agreeEitherWrong()).isEqualTo(2);
    assertThat(c.bothWrong()).isEqualTo(4);
    assertThat(c.agreeBothWrong()).isEqualTo(2);
    assertThat(c.bothWrongWithChoices(4)).isEqualTo(2);
    assertThat(c.bothWrongWithChoices(3)).isEqualTo(1);
    assertThat(c.bothWrongWithChoices(10)).isEqualTo(1);
  }

  @Test
  void ratesAndBaselineMatchHandWorkedValues() {
    AgreementRates rates = AgreementRates.of(counts());
    assertThat(rates.overall()).isEqualTo(0.5);
    assertThat(rates.bothCorrect()).isCloseTo(1.0 / 6, within(1e-15));
    assertThat(rates.whenEitherWrong()).isCloseTo(0.4, within(1e-15));
    assertThat(rates.whenBothWrong()).isEqualTo(0.5);
    // (2/4)/3 + (1/4)/2 + (1/4)/9 = 23/72
    assertThat(rates.baselineBothWrong()).isCloseTo(23.0 / 72, within(1e-15));
  }

  @Test
  void judgeInflatesTheLessAccurateModel() {
    JudgeInflation judged = JudgeInflation.ofSecondJudgedByFirst(counts());
    assertThat(judged.judgedAccuracy()).isEqualTo(0.5);
    assertThat(judged.trueAccuracy()).isCloseTo(1.0 / 6, within(1e-15));
    assertThat(judged.inflation()).isCloseTo(1.0 / 3, within(1e-15));
    JudgeInflation reverse = JudgeInflation.ofSecondJudgedByFirst(counts().swapped());
    assertThat(reverse.inflation()).isCloseTo(0.5 - 2.0 / 6, within(1e-15));
  }

  @Test
  void survivesItsStoredForm() {
    PairCounts c = counts();
    assertThat(PairCounts.fromArray(c.toArray())).isEqualTo(c);
    assertThat(c.swapped().swapped()).isEqualTo(c);
  }

  @Test
  void emptyPairHasUndefinedRates() {
    AgreementRates rates = AgreementRates.of(new PairCounts());
    assertThat(rates.overall()).isNaN();
    assertThat(rates.whenBothWrong()).isNaN();
    assertThat(rates.baselineBothWrong()).isNaN();
  }

  @Test
  void refusesItemsOneModelDidNotAnswer() {
    assertThatThrownBy(() -> new PairCounts().add(Answers.MISSING, 1, 0, 4))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
