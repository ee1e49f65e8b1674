package io.modelmap.eval.kl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.junit.jupiter.api.Test;

/**
 * §6.2 on 3 models × 3 texts, worked by hand.
 *
 * <pre>
 * L = [[1, 2, 3], [3, 3, 6], [2, 0, 1]] → q = [[-2/3, 2/3, 0], [-2/3, -1/3, 1], [4/3, -1/3, -1]]
 * ‖q0 − q1‖² = ‖(0, 1, −1)‖² = 2, ‖q0 − q2‖² = ‖(−2, 1, 1)‖² = 6, ‖q1 − q2‖² = ‖(−2, 0, 2)‖² = 8
 * KL = ‖·‖² / (2·3): 1/3, 1, 4/3 nats
 * ζ distances: c_ij · (x + 1) with c01 = 1, c02 = c12 = 2 → proxies (1/3)·Σ_x = 2·c_ij: 2, 4, 4
 * Pearson of (2, 6, 8) and (2, 4, 4): deviations (−10/3, 2/3, 8/3) and (−4/3, 2/3, 2/3);
 * Σ products 60/9, Σ squares 168/9 and 24/9 → r = 60 / √(168·24) = √(25/28)
 * </pre>
 */
class TextLevelKlTest {
  private static final double[][] L = {{1, 2, 3}, {3, 3, 6}, {2, 0, 1}};

  private static double zeta(int i, int j, int x) {
    return (i == 0 && j == 1 ? 1 : 2) * (x + 1.0);
  }

  @Test
  void shouldCompareTheMapsSquaredDistanceWithTheZetaProxyOverEveryPair() {
    TextLevelKl result = TextLevelKl.of(L, TextLevelKlTest::zeta);

    assertThat(result.texts()).isEqualTo(3);
    assertThat(result.pairs()).extracting(TextLevelKl.Pair::i).containsExactly(0, 0, 1);
    assertThat(result.pairs()).extracting(TextLevelKl.Pair::j).containsExactly(1, 2, 2);
    double[] squared = {2, 6, 8};
    double[] kl = {1.0 / 3, 1, 4.0 / 3};
    double[] proxy = {2, 4, 4};
    for (int p = 0; p < 3; p++) {
      assertThat(result.pairs().get(p).squaredDistance()).isCloseTo(squared[p], within(1e-14));
      assertThat(result.pairs().get(p).klNats()).isCloseTo(kl[p], within(1e-14));
      assertThat(result.pairs().get(p).zetaProxy()).isCloseTo(proxy[p], within(1e-14));
    }
    assertThat(result.pearson()).isCloseTo(Math.sqrt(25.0 / 28), within(1e-12));
  }

  @Test
  void shouldGiveTheKlEstimateInBitsPerByte() {
    // 4/3 nats over texts of 2 bytes: (4/3) / 2 / ln 2 bits per byte
    TextLevelKl.Pair pair = TextLevelKl.of(L, TextLevelKlTest::zeta).pairs().get(2);

    assertThat(pair.klBitsPerByte(2)).isCloseTo(2.0 / 3 / Math.log(2), within(1e-14));
  }

  @Test
  void shouldLeaveTheCorrelationOfASinglePairToCommonsMathWhichRefusesIt() {
    TextLevelKl two = TextLevelKl.of(new double[][] {{1, 2, 3}, {3, 3, 6}}, (i, j, x) -> 1);

    assertThat(two.pairs()).hasSize(1);
    assertThatThrownBy(two::pearson).isInstanceOf(MathIllegalArgumentException.class);
  }

  @Test
  void shouldRefuseFewerThanTwoModels() {
    assertThatThrownBy(() -> TextLevelKl.of(new double[][] {{1, 2}}, (i, j, x) -> 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
