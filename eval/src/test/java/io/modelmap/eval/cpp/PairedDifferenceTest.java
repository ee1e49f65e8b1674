package io.modelmap.eval.cpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PairedDifferenceTest {

  @Test
  void shouldGiveExactSignedRankAndPairedTPValuesOfAllPositiveDifferences() {
    // d = a − b = 1 2 3 4 5: mean 3, sample sd √2.5; t = 3 / (√2.5 / √5) = √18 ≈ 4.2426 on 4 df,
    // two-sided p 0.013236 (scipy.stats.ttest_rel). Signed ranks: W+ = 15, the largest of 2^5 = 32
    // equally likely sums, so the exact two-sided p is 2 · 1/32 = 0.0625. b is lower in no split.
    PairedDifference p = PairedDifference.of("a − b", new double[] {2, 4, 6, 8, 10}, new double[] {1, 2, 3, 4, 5});

    assertThat(p.splits()).isEqualTo(5);
    assertThat(p.meanDifference()).isEqualTo(3.0);
    assertThat(p.sdDifference()).isCloseTo(Math.sqrt(2.5), within(1e-12));
    assertThat(p.aLower()).isZero();
    assertThat(p.tTestP()).isCloseTo(0.013236, within(1e-6));
    assertThat(p.wilcoxonP()).isCloseTo(0.0625, within(1e-12));
  }

  @Test
  void shouldCountTheSplitsEachSideWinsWithMixedSigns() {
    // d = 3 −1 4 −2 5 6: |d| ranks 3 1 4 2 5 6, W− = 1 + 2 = 3. Sums ≤ 3 of subsets of {1..6}: {}, {1},
    // {2}, {3}, {1,2} → 5 of 64; exact two-sided p = 10/64 = 0.15625. mean 2.5, sample sd √(53.5/5);
    // t = 2.5 / (sd / √6) on 5 df, two-sided p 0.12009 (scipy.stats.ttest_rel). a is lower in the two splits with d < 0.
    PairedDifference p = PairedDifference.of("a − b", new double[] {4, 0, 5, 1, 6, 7}, new double[] {1, 1, 1, 3, 1, 1});

    assertThat(p.aLower()).isEqualTo(2);
    assertThat(p.meanDifference()).isCloseTo(2.5, within(1e-12));
    assertThat(p.sdDifference()).isCloseTo(Math.sqrt(53.5 / 5), within(1e-12));
    assertThat(p.wilcoxonP()).isCloseTo(10.0 / 64, within(1e-12));
    assertThat(p.tTestP()).isCloseTo(0.120093, within(1e-6));
  }

  @Test
  void shouldGiveNoPValueForOneSplit() {
    PairedDifference p = PairedDifference.of("a − b", new double[] {1}, new double[] {2});

    assertThat(p.tTestP()).isNaN();
    assertThat(p.wilcoxonP()).isNaN();
    assertThat(p.aLower()).isEqualTo(1);
  }

  @Test
  void shouldUseTheNormalApproximationWhenDifferencesTie() {
    // d = 2 −1 3 1 3 2: |d| ties, so no exact distribution. Average ranks: |1| 1.5, |2| 3.5, |3| 5.5;
    // W− = 1.5 (the −1), n = 6: E = 6·7/4 = 10.5, Var = 10.5 · 13/6 = 22.75; with Commons Math's
    // continuity correction z = (1.5 − 10.5 − 0.5) / √22.75 = −1.99173, two-sided p = 2 Φ(z) = 0.046399.
    PairedDifference p = PairedDifference.of("a − b", new double[] {3, 1, 4, 1, 5, 2}, new double[] {1, 2, 1, 0, 2, 0});

    assertThat(p.wilcoxonP()).isCloseTo(0.046399, within(1e-6));
  }
}
