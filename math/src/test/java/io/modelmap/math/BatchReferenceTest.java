package io.modelmap.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchReferenceTest {
  // Worked by hand: row means −2, −2, −5; ξ = (1,−1), (0,0), (1,−1); ξ̄ = (2/3, −2/3).
  private static final double[][] L = {{-1, -3}, {-2, -2}, {-4, -6}};

  /**
   * A 3 × 3 matrix worked by hand (the eval benchmark's HandWorkedL, whose reference tests moved here):
   *
   * <pre>
   * L = [[1, 2, 3], [3, 3, 6], [2, 0, 1]]      row means 2, 4, 1
   * ξ = [[-1, 0, 1], [-1, -1, 2], [1, -1, 0]]   ξ̄ = (-1/3, -2/3, 1)
   * q = [[-2/3, 2/3, 0], [-2/3, -1/3, 1], [4/3, -1/3, -1]]   (every column sums to 0)
   * q0 − q1 = (0, 1, −1): ‖·‖² = 2, KL01 = 2 / (2·3) = 1/3
   * q0 − q2 = (−2, 1, 1): ‖·‖² = 6, KL02 = 1
   * q1 − q2 = (−2, 0, 2): ‖·‖² = 8, KL12 = 4/3
   * </pre>
   */
  private static final class HandWorkedL {
    static final double[][] L = {{1, 2, 3}, {3, 3, 6}, {2, 0, 1}};
    static final double[] COLUMN_MEANS = {-1.0 / 3, -2.0 / 3, 1};
    static final double[][] Q = {{-2.0 / 3, 2.0 / 3, 0}, {-2.0 / 3, -1.0 / 3, 1}, {4.0 / 3, -1.0 / 3, -1}};
    static final double[][] KL = {{0, 1.0 / 3, 1}, {1.0 / 3, 0, 4.0 / 3}, {1, 4.0 / 3, 0}};
  }

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

  // moved from the eval benchmark's ReferenceKlTest (ReferenceKl duplicated this class)
  @Test
  void shouldGiveTheHandWorkedKlAndColumnMeans() {
    BatchReference reference = BatchReference.of(HandWorkedL.L);

    assertThat(reference.columnMeans()).containsExactly(HandWorkedL.COLUMN_MEANS, within(1e-15));
    assertThat(reference.klNats(0, 1)).isCloseTo(1.0 / 3, within(1e-15));
    assertThat(reference.klNats(2, 0)).isCloseTo(1.0, within(1e-15));
    assertThat(reference.klNats(1, 2)).isCloseTo(4.0 / 3, within(1e-15));
    assertThat(reference.klNats(1, 1)).isZero();
  }

  // moved from the eval benchmark's CentredRowsTest (CentredRows duplicated this class's centring)
  @Test
  void shouldDoubleCentreTheHandWorkedMatrix() {
    BatchReference centred = BatchReference.of(HandWorkedL.L);

    assertThat(centred.columnMeans()).containsExactly(HandWorkedL.COLUMN_MEANS, within(1e-15));
    for (int i = 0; i < 3; i++) {
      assertThat(centred.q()[i]).as("q row %d", i).containsExactly(HandWorkedL.Q[i], within(1e-15));
    }
  }

  @Test
  void shouldGiveABlockOfKlFromSomeModelsToOthersWithZeroForAModelAndItself() {
    double[][] block = BatchReference.of(HandWorkedL.L).klNats(new int[] {2, 0}, new int[] {0, 1, 2});

    assertThat(block[0]).containsExactly(new double[] {1, 4.0 / 3, 0}, within(1e-15));
    assertThat(block[1]).containsExactly(new double[] {0, 1.0 / 3, 1}, within(1e-15));
  }

  @Test
  void shouldLeaveTheCallersMatrixAsItWas() {
    double[][] l = {{1, 2, 3}, {3, 3, 6}, {2, 0, 1}};
    BatchReference reference = BatchReference.of(l);

    reference.q()[0][0] = 99;
    reference.xi(1)[0] = 99;
    reference.logLikelihoods(2)[0] = 99;

    assertThat(l).isDeepEqualTo(HandWorkedL.L);
    assertThat(reference.q(0)).containsExactly(HandWorkedL.Q[0], within(1e-15));
  }
}
