package io.modelmap.math.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The two forms of ridge from Q, dual ({@link RidgePath} on squared distances) and primal
 * ({@link CoordinateRidgePath} on coordinates), give the same predictions and the same cross-validated α,
 * and {@link RidgeSolver} picks the primal above its threshold.
 */
class RidgeFormsTest {

  /**
   * Three training models at x1 = (0, 0), x2 = (1, 0), x3 = (0, 1) with scores 1, 2, 4, α = 1/3, worked by hand:
   * x̄ = (1/3, 1/3), ȳ = 7/3; centred rows (−1/3, −1/3), (2/3, −1/3), (−1/3, 2/3); y − ȳ = (−4/3, −1/3, 5/3).
   * XᵀX = [[2/3, −1/3], [−1/3, 2/3]], Xᵀ(y − ȳ) = (−1/3, 5/3).
   * XᵀX + αI = [[1, −1/3], [−1/3, 1]], determinant 8/9, inverse (9/8)·[[1, 1/3], [1/3, 1]],
   * so w = (9/8)·(−1/3 + 5/9, −1/9 + 5/3) = (9/8)·(2/9, 14/9) = (1/4, 7/4).
   * ŷ(x) = 7/3 + (x − x̄)·w: x1 → 7/3 − 1/12 − 7/12 = 5/3; x2 → 7/3 + 2/12 − 7/12 = 23/12;
   * x3 → 7/3 − 1/12 + 14/12 = 41/12 (the three sum to 7 = 3ȳ); a new model at x4 = (1, 1) → 7/3 + 2/12 + 14/12 = 11/3.
   * The dual sees only squared distances: D²(x1, x2) = D²(x1, x3) = 1, D²(x2, x3) = 2; x4 is at 2, 1, 1.
   */
  @Test
  void bothFormsGiveTheHandWorkedPredictionsOfAThreeModelTwoCoordinateExample() {
    double[][] x = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
    double[][] squared = {{0, 1, 1, 2}, {1, 0, 2, 1}, {1, 2, 0, 1}, {2, 1, 1, 0}};
    double[] y = {1, 2, 4};
    double alpha = 1.0 / 3;
    double[] expected = {5.0 / 3, 23.0 / 12, 41.0 / 12, 11.0 / 3};
    CoordinateRidge primal = CoordinateRidge.fit(new double[][] {x[0], x[1], x[2]}, y, alpha);
    double[][] amongTraining = {{0, 1, 1}, {1, 0, 2}, {1, 2, 0}};
    DistanceRidge dual = DistanceRidge.fit(amongTraining, y, alpha);
    for (int j = 0; j < 4; j++) {
      double[] toTraining = {squared[j][0], squared[j][1], squared[j][2]};
      assertThat(primal.predict(x[j])).as("primal, model %d", j + 1).isCloseTo(expected[j], within(1e-12));
      assertThat(dual.predict(toTraining)).as("dual, model %d", j + 1).isCloseTo(expected[j], within(1e-12));
    }
    assertThat(primal.intercept()).isEqualTo(dual.intercept()).isCloseTo(7.0 / 3, within(1e-15));
  }

  @Test
  void dualAndPrimalPredictWithin1e9OfEachOtherForEveryAlphaOfTheGridWithFewOrManyModels() {
    for (int[] shape : new int[][] {{80, 20}, {20, 60}, {40, 40}}) {
      Random random = new Random(31);
      double[][] x = coordinates(random, shape[0] + 10, shape[1]);
      double[] y = scores(random, x);
      int[] train = range(0, shape[0]);
      int[] test = range(0, shape[0] + 10); // the training models and ten others
      double[] trainScores = java.util.Arrays.copyOf(y, shape[0]);
      RidgeData.Coordinates primal = new RidgeData.Coordinates(x);
      RidgeData.SquaredDistances dual = RidgeData.SquaredDistances.between(x);
      double[] grid = RidgeCrossValidation.alphaGrid(dual.subset(train));
      double[][] fromPrimal = primal.predictHeldOut(train, trainScores, test, grid);
      double[][] fromDual = dual.predictHeldOut(train, trainScores, test, grid);
      for (int a = 0; a < grid.length; a++) {
        for (int j = 0; j < test.length; j++) {
          assertThat(fromPrimal[a][j]).as("%d models × %d coordinates, α = %s, model %d", shape[0], shape[1], grid[a], j)
              .isCloseTo(fromDual[a][j], within(1e-9));
        }
      }
    }
  }

  @Test
  void theGroupedCrossValidationChoosesTheSameAlphaInEveryFoldAndTheSameOutOfFoldPredictionsEitherWay() {
    Random random = new Random(36);
    double[][] x = coordinates(random, 90, 15);
    double[] y = scores(random, x);
    List<String> groups = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      groups.add("family-" + random.nextInt(12));
    }
    RidgeData primal = new RidgeData.Coordinates(x);
    RidgeData dual = RidgeData.SquaredDistances.between(x);
    assertSameAlphas(RidgeCrossValidation.alphaGrid(primal), RidgeCrossValidation.alphaGrid(dual));
    RidgeCrossValidation.OutOfFold p = RidgeCrossValidation.outOfFold(primal, y, groups, 5);
    RidgeCrossValidation.OutOfFold d = RidgeCrossValidation.outOfFold(dual, y, groups, 5);
    assertThat(p.folds()).containsExactly(d.folds());
    assertSameAlphas(p.alphas(), d.alphas());
    assertThat(p.outOfFold()).containsExactly(d.outOfFold(), within(1e-9));
    RidgeCrossValidation.Fit primalFit = RidgeCrossValidation.fitAll(primal, y, groups, 5);
    RidgeCrossValidation.Fit dualFit = RidgeCrossValidation.fitAll(dual, y, groups, 5);
    assertSameAlphas(new double[] {primalFit.alpha()}, new double[] {dualFit.alpha()});
    assertThat(primalFit.ridge()).isInstanceOf(CoordinateRidge.class);
    assertThat(dualFit.ridge()).isInstanceOf(DistanceRidge.class);
    double[][] squared = ((RidgeData.SquaredDistances) dual).squared();
    for (int j = 0; j < x.length; j++) {
      assertThat(primalFit.ridge().predict(x[j])).isCloseTo(dualFit.ridge().predict(squared[j]), within(1e-9));
    }
  }

  @Test
  void theFitOnXiRowsEqualsTheFitOnQRowsBecauseItCentresOverTheTrainingModels() {
    Random random = new Random(5);
    double[][] q = coordinates(random, 30, 8);
    double[] y = scores(random, q);
    double[][] xi = new double[q.length][];
    for (int i = 0; i < q.length; i++) {
      xi[i] = q[i].clone();
      for (int s = 0; s < xi[i].length; s++) {
        xi[i][s] += 100 + s; // ξ = q + the column means
      }
    }
    CoordinateRidge fromQ = CoordinateRidge.fit(q, y, 0.5);
    CoordinateRidge fromXi = CoordinateRidge.fit(xi, y, 0.5);
    for (int j = 0; j < q.length; j++) {
      assertThat(fromXi.predict(xi[j])).isCloseTo(fromQ.predict(q[j]), within(1e-9));
    }
  }

  @Test
  void theSolverPicksThePrimalFormAboveItsThresholdAndTheDualBelow() {
    int n = 1000;
    int threshold = (int) Math.floor(RidgeSolver.PRIMAL_ABOVE_MODELS_PER_COORDINATE * n);
    assertThat(RidgeSolver.forSize(threshold, n)).isEqualTo(RidgeSolver.DUAL);
    assertThat(RidgeSolver.forSize(threshold + 1, n)).isEqualTo(RidgeSolver.PRIMAL);
    assertThat(RidgeSolver.forSize(20_000, n)).isEqualTo(RidgeSolver.PRIMAL);
    assertThat(RidgeSolver.forSize(100, n)).isEqualTo(RidgeSolver.DUAL);
    Random random = new Random(2);
    int few = 3;
    int many = (int) Math.floor(RidgeSolver.PRIMAL_ABOVE_MODELS_PER_COORDINATE * few) + 1;
    assertThat(RidgeSolver.dataFor(coordinates(random, many, few))).isInstanceOf(RidgeData.Coordinates.class);
    assertThat(RidgeSolver.dataFor(coordinates(random, few, few))).isInstanceOf(RidgeData.SquaredDistances.class);
  }

  /** The same candidates of the grid: equal to rounding (the two forms sum the scale in different orders). */
  private static void assertSameAlphas(double[] actual, double[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int a = 0; a < expected.length; a++) {
      assertThat(actual[a]).as("α %d", a).isCloseTo(expected[a], within(1e-12 * expected[a]));
    }
  }

  private static double[][] coordinates(Random random, int models, int n) {
    double[][] x = new double[models][n];
    for (double[] row : x) {
      for (int s = 0; s < n; s++) {
        row[s] = random.nextGaussian() * (1 + 0.2 * s) + (s == 0 ? 5 : 0);
      }
    }
    return x;
  }

  private static double[] scores(Random random, double[][] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = 0.5 + 0.03 * x[i][0] - 0.02 * x[i][1] + 0.05 * random.nextGaussian();
    }
    return y;
  }

  private static int[] range(int from, int to) {
    return java.util.stream.IntStream.range(from, to).toArray();
  }
}
