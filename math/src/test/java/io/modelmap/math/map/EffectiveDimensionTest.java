package io.modelmap.math.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EffectiveDimensionTest {

  @Test
  void moreModelsThanTextsGiveAtMostTheTextsAxes() {
    // 600 models on 40 texts: B has rank 40; Commons Math's EigenDecomposition gave up on such B
    Random random = new Random(7);
    int k = 600;
    int n = 40;
    double[][] q = new double[k][n];
    for (double[] row : q) {
      for (int s = 0; s < n; s++) {
        row[s] = random.nextGaussian() * (s + 1); // unequal axes, so the curve is not a straight line
      }
    }
    double[][] d = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        for (int s = 0; s < n; s++) {
          d[i][j] += (q[i][s] - q[j][s]) * (q[i][s] - q[j][s]);
        }
      }
    }
    EffectiveDimension dimension = EffectiveDimension.of(d);
    assertThat(dimension.cumulativeShare()).hasSize(k);
    assertThat(dimension.cumulativeShare()[n - 1]).isCloseTo(1.0, within(1e-9));
    assertThat(dimension.cumulativeShare()[n - 3]).isLessThan(1.0 - 1e-6);
    assertThat(dimension.dimensionFor(0.95)).isBetween(2, n);
  }
}
