package io.modelmap.math.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouterQualityTest {
  // 2 models × 6 questions; 0–3 train, 4–5 test. Model 0: right on 0, 1, 2, 4; model 1: right on 3, 5, not asked 2
  private static final CorrectnessMatrix CORRECT = new CorrectnessMatrix(new int[][] {{1, 1, 1, 0, 1, 0},
      {0, 0, -1, 1, 0, 1}});
  private static final List<Integer> TRAIN = List.of(0, 1, 2, 3);
  private static final List<Integer> TEST = List.of(4, 5);

  @Test
  void accuracyAndAgreementCountOnlyAnsweredQuestions() {
    assertThat(CORRECT.accuracy(0, TRAIN)).isCloseTo(0.75, within(1e-12));
    assertThat(CORRECT.accuracy(1, TRAIN)).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(CORRECT.observations(TRAIN, 1)).hasSize(4);
    assertThat(CORRECT.observations(TRAIN, -1)).hasSize(7);
    // "always right" agrees with 4 of the 7 answered training pairs
    assertThat(CORRECT.agreement(TRAIN, (m, q) -> true)).isCloseTo(4.0 / 7, within(1e-12));
  }

  @Test
  void aPerfectRouterBeatsTheSingleBestAndTheWeightedRandomOne() {
    // the router sends question 4 to model 0 and 5 to model 1: both right
    RouterQuality q = RouterQuality.of(CORRECT, TRAIN, TEST, question -> question == 4 ? 0 : 1);
    assertThat(q.accuracy()).isEqualTo(1.0);
    assertThat(q.singleBest()).as("best on the training questions").isZero();
    assertThat(q.singleBestAccuracy()).isCloseTo(0.5, within(1e-12));
    // each model picked half the time; each is right on half of the test questions
    assertThat(q.weightedRandom()).isCloseTo(0.5 * 0.5 + 0.5 * 0.5, within(1e-12));
  }
}
