package io.modelmap.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchReferenceTest {
  // Worked by hand: row means −2, −2, −5; ξ = (1,−1), (0,0), (1,−1); ξ̄ = (2/3, −2/3).
  private static final double[][] L = {{-1, -3}, {-2, -2}, {-4, -6}};

  @Test
  void shouldDoubleCentreHandWorkedMatrix() {
    BatchReference ref = BatchReference.of(L);

    assertThat(ref.rowMean(2)).isEqualTo(-5.0);
    assertThat(ref.xi(0)).containsExactly(1.0, -1.0);
    assertThat(ref.columnMeans()).containsExactly(new double[] {2.0 / 3, -2.0 / 3}, within(1e-15));
    assertThat(ref.q(1)).containsExactly(new double[] {-2.0 / 3, 2.0 / 3}, within(1e-15));
  }

  @Test
  void shouldEstimateKlByEquationThree() {
    BatchReference ref = BatchReference.of(L);

    assertThat(ref.klNats(0, 1)).isCloseTo(0.5, within(1e-15));
    assertThat(ref.klNats(0, 2)).isZero();
  }

  @Test
  void shouldRankNeighboursNearestFirstWithIdTieBreak() {
    BatchReference ref = BatchReference.of(L);

    List<Neighbor> neighbors = ref.neighbors(0, List.of("a", "b", "c"), 5);

    assertThat(neighbors).extracting(Neighbor::modelId).containsExactly("c", "b");
    assertThat(neighbors.get(0).overlap()).isEqualTo(2);
  }

  @Test
  void shouldClipBelowGlobalQuantileBeforeCentring() {
    // 6 values sorted: −6 −4 −3 −2 −2 −1; R-7 quantile 0.2 → position 1.0 → −4.
    BatchReference ref = BatchReference.clipped(L, 0.2);

    assertThat(ref.logLikelihoods(2)).containsExactly(-4.0, -4.0);
    assertThat(ref.rowMean(2)).isEqualTo(-4.0);
  }
}
