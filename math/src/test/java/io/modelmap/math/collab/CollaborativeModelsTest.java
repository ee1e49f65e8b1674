package io.modelmap.math.collab;

import io.modelmap.math.optim.AdamParameters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CollaborativeModelsTest {
  private static final DesignFactors FACTORS = new DesignFactors(
      new double[][] {{1.0, 0.5}, {2.0, 0.0}, {0.3, 1.5}}, new int[][] {{0}, {1}, {1}}, new int[] {2},
      new int[][] {{0, 1}, {1, 0}}, new int[] {2, 2});

  @Test
  void everyNetworksGradientMatchesFiniteDifferences() {
    for (var variant : NeuralCollaborativeFiltering.Variant.values()) {
      var settings = new TrainingSettings(3, 2, 0.01, 0, 3, 7);
      List<ScoreMatrix.Cell> cells = List.of(new ScoreMatrix.Cell(0, 0, 0.4), new ScoreMatrix.Cell(1, 1, 0.9),
          new ScoreMatrix.Cell(2, 0, 0.1));
      // a few steps first, so no ReLU sits exactly at its kink
      var ncf = NeuralCollaborativeFiltering.fit(3, 2, variant, FACTORS, cells, settings);
      assertGradientMatches(ncf, new ScoreMatrix.Cell(2, 1, 0.7), variant.toString());
    }
    var mf = MatrixFactorization.fit(3, 2, List.of(new ScoreMatrix.Cell(0, 0, 0.5)), new TrainingSettings(2, 1, 0.01,
        0, 4, 3));
    assertGradientMatches(mf, new ScoreMatrix.Cell(1, 1, 0.3), "MF");
  }

  @Test
  void matrixFactorisationRecoversHeldOutCellsOfALowRankMatrix() {
    // a rank-2 matrix of 30 models × 12 tasks; a tenth of the cells held out
    Random random = new Random(5);
    double[][] a = new double[30][2];
    double[][] b = new double[12][2];
    for (double[] row : a) {
      row[0] = random.nextDouble();
      row[1] = random.nextDouble();
    }
    for (double[] row : b) {
      row[0] = random.nextDouble();
      row[1] = random.nextDouble();
    }
    List<ScoreMatrix.Cell> train = new ArrayList<>();
    List<ScoreMatrix.Cell> held = new ArrayList<>();
    for (int m = 0; m < 30; m++) {
      for (int t = 0; t < 12; t++) {
        var cell = new ScoreMatrix.Cell(m, t, a[m][0] * b[t][0] + a[m][1] * b[t][1]);
        (random.nextDouble() < 0.1 ? held : train).add(cell);
      }
    }
    var mf = MatrixFactorization.fit(30, 12, train, new TrainingSettings(1500, 16, 0.01, 0, 4, 1));
    double squares = 0;
    double variance = 0;
    double mean = held.stream().mapToDouble(ScoreMatrix.Cell::value).average().orElseThrow();
    for (var cell : held) {
      squares += Math.pow(mf.predict(cell.model(), cell.task()) - cell.value(), 2);
      variance += Math.pow(cell.value() - mean, 2);
    }
    assertThat(squares / variance).as("held-out error against the cells' own spread").isLessThan(0.01);
  }

  @Test
  void anUnseenModelIsPlacedByItsFactors() {
    // 41 models whose scores follow one numerical factor x (score = x · w_t) and one categorical (+0.3
    // for category 1); model 40 is left out of the fit and predicted from its factors alone
    Random random = new Random(11);
    int models = 41;
    int tasks = 6;
    double[] w = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      w[t] = 0.5 + random.nextDouble();
    }
    double[][] numeric = new double[models][1];
    int[][] categorical = new int[models][1];
    List<ScoreMatrix.Cell> cells = new ArrayList<>();
    for (int m = 0; m < models; m++) {
      numeric[m][0] = random.nextDouble() - 0.5;
      categorical[m][0] = m % 2;
      for (int t = 0; t < tasks && m < models - 1; t++) {
        cells.add(new ScoreMatrix.Cell(m, t, numeric[m][0] * w[t] + 0.3 * categorical[m][0]));
      }
    }
    var fitted = new DesignFactors(java.util.Arrays.copyOf(numeric, models - 1),
        java.util.Arrays.copyOf(categorical, models - 1), new int[] {2}, new int[tasks][0], new int[0]);
    var settings = new TrainingSettings(400, 16, 0.003, 0, 4, 2);
    var ncf = NeuralCollaborativeFiltering.fit(models - 1, tasks, NeuralCollaborativeFiltering.Variant.IDS_AND_FACTORS,
        fitted, cells, settings);
    double squares = 0;
    double baseline = 0;
    for (int t = 0; t < tasks; t++) {
      double truth = numeric[models - 1][0] * w[t] + 0.3 * categorical[models - 1][0];
      int task = t;
      double taskMean = cells.stream().filter(c -> c.task() == task).mapToDouble(ScoreMatrix.Cell::value).average()
          .orElseThrow();
      squares += Math.pow(ncf.predictUnseen(numeric[models - 1], categorical[models - 1], t) - truth, 2);
      baseline += Math.pow(taskMean - truth, 2);
    }
    assertThat(squares).as("error from factors against the task means' error %s", baseline).isLessThan(0.25 * baseline);

    // without id vectors the unseen path is the fitted one
    var factorsOnly = NeuralCollaborativeFiltering.fit(models - 1, tasks,
        NeuralCollaborativeFiltering.Variant.FACTORS_ONLY, fitted, cells, new TrainingSettings(5, 16, 0.01, 0, 4, 2));
    assertThat(factorsOnly.predictUnseen(numeric[3], categorical[3], 2)).isEqualTo(factorsOnly.predict(3, 2));
  }

  @Test
  void heldOutQualityOnAHandWorkedMatrix() {
    // 4 models on one task, raw scores 10, 20, 30, 40; the normalisation per model maps each row to [0, 1]
    double[][] raw = {{10, 0}, {20, 0}, {30, 0}, {40, 0}};
    var scores = new ScoreMatrix(List.of("a", "b", "c", "d"), List.of("t", "u"), raw);
    var scale = ModelNormalisation.of(scores); // row m: min 0, max its score, so the score normalises to 1
    // predictions (normalised): a 1.0 (exact), b 1.6 (raw 32), c 0.5 (raw 15)
    CollaborativeModel model = (m, t) -> new double[] {1.0, 1.6, 0.5, 1.0}[m];
    List<ScoreMatrix.Cell> held = List.of(new ScoreMatrix.Cell(0, 0, 10), new ScoreMatrix.Cell(1, 0, 20),
        new ScoreMatrix.Cell(2, 0, 30));
    HeldOutQuality q = HeldOutQuality.of(scores, scale, model, held);
    assertThat(q.mse()).isCloseTo((0 + 0.36 + 0.25) / 3, within(1e-12));
    assertThat(q.meanL1()).isCloseTo((0 + 0.6 + 0.5) / 3, within(1e-12));
    // ranks among the others' true scores: a 4 → 4, b 3 → 2, c 2 → 3 (15 is below 20 and 40)
    assertThat(q.rankAccuracy()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(q.maeAt2()).isCloseTo(1.0, within(1e-12));
  }

  private static void assertGradientMatches(TrainingSettings.Fittable model, ScoreMatrix.Cell cell, String what) {
    model.parameters().forEach(p -> java.util.Arrays.fill(p.gradient, 0));
    model.accumulate(cell, 1.0); // the gradient of ½ (ŷ − y)²
    double h = 1e-6;
    for (AdamParameters p : model.parameters()) {
      for (int i = 0; i < p.value.length; i += Math.max(1, p.value.length / 7)) {
        double keep = p.value[i];
        p.value[i] = keep + h;
        double up = halfSquare(model, cell);
        p.value[i] = keep - h;
        double down = halfSquare(model, cell);
        p.value[i] = keep;
        assertThat(p.gradient[i]).as("%s parameter %d", what, i).isCloseTo((up - down) / (2 * h), within(1e-6));
      }
    }
  }

  private static double halfSquare(CollaborativeModel model, ScoreMatrix.Cell cell) {
    double e = model.predict(cell.model(), cell.task()) - cell.value();
    return 0.5 * e * e;
  }
}
