package io.modelmap.math.collab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BenchmarkRankQualityTest {

  @Test
  void shouldGiveL1RankAccuracyAndWithinBenchmarkMaeOnAHandWorkedBenchmark() {
    // observed 0.9 0.5 0.1, predicted 0.4 0.7 0.2
    // L1: (0.5 + 0.2 + 0.1) / 3 = 0.8 / 3
    // among the others' observed (rank 1 = highest): model 0 true 1, predicted 0.4 is below 0.5 → 2 (miss);
    //   model 1 true 2, 0.7 below 0.9 only → 2 (hit); model 2 true 3, 0.2 below both → 3 (hit): 2/3
    // within the benchmark (ascending): predicted ranks 2 3 1, observed 3 2 1 → errors 1 1 0: MAE@0 1/3, MAE@2 1
    BenchmarkRankQuality q = BenchmarkRankQuality.of(new double[] {0.4, 0.7, 0.2}, new double[] {0.9, 0.5, 0.1});

    assertThat(q.meanAbsoluteError()).isCloseTo(0.8 / 3, within(1e-15));
    assertThat(q.rankAccuracy()).isCloseTo(2.0 / 3, within(1e-15));
    assertThat(q.maeAt0()).isCloseTo(1.0 / 3, within(1e-15));
    assertThat(q.maeAt2()).isEqualTo(1.0);
  }

  @Test
  void shouldRefuseMismatchedLengths() {
    assertThatThrownBy(() -> BenchmarkRankQuality.of(new double[] {1}, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 predictions for 2 observed");
  }
}
