package io.modelmap.math.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ScalingAxesTest {
  @Test
  void pointsOnALinePlacedByHand() {
    // models at 0, 1 and 3 on a line: centred at 4/3, so the axis holds ∓4/3, ∓1/3, ±5/3 (sign: first entry
    // positive); a new model at 2 is at squared distances 4, 1, 1 and lands at ∓(2 − 4/3)
    double[][] d2 = {{0, 1, 9}, {1, 0, 4}, {9, 4, 0}};
    ScalingAxes axes = ScalingAxes.fit(d2, 2);
    assertThat(axes.place(d2[0])[0]).isCloseTo(4.0 / 3, within(1e-12));
    assertThat(axes.place(d2[1])[0]).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(axes.place(d2[2])[0]).isCloseTo(-5.0 / 3, within(1e-12));
    assertThat(axes.place(new double[] {4, 1, 1})[0]).isCloseTo(-2.0 / 3, within(1e-12));
    assertThat(axes.place(new double[] {4, 1, 1})[1]).as("a line has one axis").isZero();
  }

  @Test
  void aNewPointInTheFittedSpaceKeepsItsTrueDistances() {
    Random random = new Random(3);
    int k = 12;
    double[][] points = new double[k + 1][3];
    for (double[] p : points) {
      for (int d = 0; d < 3; d++) {
        p[d] = random.nextGaussian();
      }
    }
    double[][] d2 = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        d2[i][j] = squared(points[i], points[j]);
      }
    }
    ScalingAxes axes = ScalingAxes.fit(d2, 3);
    double[] toNew = new double[k];
    for (int i = 0; i < k; i++) {
      toNew[i] = squared(points[i], points[k]);
    }
    double[] placedNew = axes.place(toNew);
    for (int i = 0; i < k; i++) {
      assertThat(squared(axes.place(d2[i]), placedNew)).as("new point to model %d", i)
          .isCloseTo(toNew[i], within(1e-9));
    }
  }

  private static double squared(double[] a, double[] b) {
    double sum = 0;
    for (int d = 0; d < a.length; d++) {
      sum += (a[d] - b[d]) * (a[d] - b[d]);
    }
    return sum;
  }
}
