package io.modelmap.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.math.BatchReference;
import org.junit.jupiter.api.Test;

class SampledReferenceTest {
  @Test
  void shouldGiveWholeRowsOfTheSampledModelsInSampleOrder() {
    SampledReference sampled = SampledReference.of(BatchReference.of(HandWorkedL.L), new int[] {2, 0});

    assertThat(sampled.rows()[0]).containsExactly(HandWorkedL.KL[2], within(1e-15));
    assertThat(sampled.rows()[1]).containsExactly(HandWorkedL.KL[0], within(1e-15));
    assertThat(sampled.secondsPerPair()).isPositive();
  }

  @Test
  void shouldSampleEveryModelUpToTheLimitAndSpreadThemAbove() {
    assertThat(SampledReference.sample(3, 5)).containsExactly(0, 1, 2);
    // 10 models, limit 4: i·10/4 for i = 0..3 → 0, 2, 5, 7; then model 9 always
    assertThat(SampledReference.sample(10, 4, 9)).containsExactly(0, 2, 5, 7, 9);
    assertThat(SampledReference.sample(10, 4, 5)).as("no duplicates").containsExactly(0, 2, 5, 7);
  }

  @Test
  void shouldTakeRowsOfASquareMatrixInSampleOrder() {
    double[][] square = {{0, 1}, {2, 0}};

    assertThat(SampledReference.rowsOf(square, new int[] {1, 0})).isDeepEqualTo(new double[][] {{2, 0}, {0, 1}});
  }

  @Test
  void shouldReportTheLargestRelativeDifferenceOffTheDiagonal() {
    SampledReference sampled = new SampledReference(new int[] {0}, new double[][] {{0, 2, 4}}, 1e-9);

    // the diagonal (5 vs 0) is ignored; |2.2 − 2| / 2 = 0.1, |3.8 − 4| / 4 = 0.05
    assertThat(sampled.maxRelative(new double[][] {{5, 2.2, 3.8}})).isCloseTo(0.1, within(1e-12));
  }
}
