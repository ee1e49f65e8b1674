package io.modelmap.math.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link RidgeCrossValidation#feasible}: true exactly when the protocol runs. Unbalanced groups leave a
 * fold with one model to train on long before the models run out (issue 26: such a fit, made in the
 * aggregator's background, stopped its stream thread).
 */
class RidgeCrossValidationTest {

  @Test
  void aFoldThatLeavesOneModelToTrainOnIsNotFeasible() {
    List<String> groups = List.of("a", "a", "b");
    double[][] d = squaredDistances(new Random(1), 3);
    double[] y = {0.2, 0.4, 0.6};
    assertThat(RidgeCrossValidation.feasible(groups, 5)).isFalse();
    assertThatThrownBy(() -> RidgeCrossValidation.outOfFold(d, y, groups, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThat(RidgeCrossValidation.feasible(List.of("a", "a", "b", "a+b"), 5)).as("ChaosIT's four families").isFalse();
    assertThat(RidgeCrossValidation.feasible(List.of("a", "b", "c", "d"), 5)).isTrue();
  }

  /** Random groups and fold counts: {@code feasible} says whether fitAll and outOfFold both run, every time. */
  @Test
  void feasibleIsTrueExactlyWhenTheProtocolRuns() {
    Random random = new Random(26);
    int feasible = 0;
    for (int trial = 0; trial < 3000; trial++) {
      int m = 2 + random.nextInt(11);
      int labels = 1 + random.nextInt(5);
      List<String> groups = new ArrayList<>();
      for (int i = 0; i < m; i++) {
        groups.add("g" + (random.nextDouble() < 0.5 ? 0 : random.nextInt(labels)));
      }
      int folds = 2 + random.nextInt(4);
      double[][] d = squaredDistances(random, m);
      double[] y = random.doubles(m).toArray();
      boolean runs;
      try {
        RidgeCrossValidation.fitAll(d, y, groups, folds);
        RidgeCrossValidation.outOfFold(d, y, groups, folds);
        runs = true;
      } catch (IllegalArgumentException e) {
        runs = false;
      }
      assertThat(RidgeCrossValidation.feasible(groups, folds)).as("groups %s, %d folds", groups, folds).isEqualTo(runs);
      feasible += runs ? 1 : 0;
    }
    assertThat(feasible).as("both outcomes are exercised").isBetween(300, 2700);
  }

  private static double[][] squaredDistances(Random random, int m) {
    double[][] points = new double[m][3];
    for (double[] p : points) {
      for (int k = 0; k < p.length; k++) {
        p[k] = random.nextGaussian();
      }
    }
    double[][] d = new double[m][m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        double sum = 0;
        for (int k = 0; k < 3; k++) {
          sum += (points[i][k] - points[j][k]) * (points[i][k] - points[j][k]);
        }
        d[i][j] = sum;
      }
    }
    return d;
  }
}
