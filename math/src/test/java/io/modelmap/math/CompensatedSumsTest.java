package io.modelmap.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompensatedSumsTest {

  @Test
  void meansEqualTheExactSumRoundedOnceInAnyOrder() {
    Random random = new Random(7);
    int k = 2_000;
    int n = 50;
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      double[] row = new double[n];
      for (int s = 0; s < n; s++) {
        row[s] = -1000 * Math.exp(random.nextGaussian()) + (random.nextBoolean() ? 1e-9 : -1e12 * random.nextDouble());
      }
      rows.add(row);
    }
    double[] offsets = random.doubles(k, -600, -400).toArray();
    // the exact means, in decimal arithmetic with 60 digits, rounded once to double
    double[] exact = new double[n];
    for (int s = 0; s < n; s++) {
      BigDecimal sum = BigDecimal.ZERO;
      for (int i = 0; i < k; i++) {
        sum = sum.add(new BigDecimal(rows.get(i)[s] - offsets[i]));
      }
      exact[s] = sum.divide(new BigDecimal(k), new MathContext(60)).doubleValue();
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      order.add(i);
    }
    double[] first = null;
    for (long seed = 0; seed < 3; seed++) {
      Collections.shuffle(order, new Random(seed));
      CompensatedSums sums = new CompensatedSums(n);
      for (int i : order) {
        sums.add(rows.get(i), offsets[i]);
      }
      assertThat(sums.count()).isEqualTo(k);
      double[] means = sums.means();
      for (int s = 0; s < n; s++) {
        // the sum is exact; the one division by K rounds once more, so within one ulp of the exact mean
        assertThat(Math.abs(means[s] - exact[s])).isLessThanOrEqualTo(Math.ulp(exact[s]));
      }
      if (first == null) {
        first = means;
      }
      assertThat(means).as("independent of the order of addition").containsExactly(first);
    }
  }

  @Test
  void keepsWhatANaiveSumLoses() {
    CompensatedSums sums = new CompensatedSums(1);
    sums.add(new double[] {1e16}, 0);
    for (int i = 0; i < 1000; i++) {
      sums.add(new double[] {1}, 0);
    }
    sums.add(new double[] {-1e16}, 0);
    assertThat(sums.means()[0]).isEqualTo(1000.0 / 1002); // a naive running sum gives 0
  }

  @Test
  void refusesAVectorOfAnotherLength() {
    assertThatThrownBy(() -> new CompensatedSums(3).add(new double[2], 0)).hasMessageContaining("differ in length");
  }
}
