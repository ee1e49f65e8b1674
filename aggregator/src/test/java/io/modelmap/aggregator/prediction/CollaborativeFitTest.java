package io.modelmap.aggregator.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.math.collab.DesignFactors;
import io.modelmap.math.collab.NeuralCollaborativeFiltering;
import io.modelmap.math.collab.ScoreMatrix;
import io.modelmap.math.collab.TrainingSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A model held back from the collaborative fit is predicted from its facts and its Q coordinates:
 * placed elsewhere on the map, its prediction changes, and it equals the prediction of a network this
 * test trains on design factors it builds by hand.
 */
class CollaborativeFitTest {
  // four map models at the corners of a 3 × 1 rectangle; one task scored from the corner's position
  private static final double[][] CORNERS = {{0, 0}, {3, 0}, {0, 1}, {3, 1}};
  private static final List<String> MODELS = List.of("a", "b", "c", "d");
  private static final List<String> TASKS = List.of("t0", "t1");
  private static final long PARAMETERS = 1_000_000_000L;
  private static final CollaborativeSettings SETTINGS = new CollaborativeSettings(2, Duration.ZERO, 30, 4, 2, 2);

  private static double score(int task, double[] at) {
    return task == 0 ? 0.5 + 0.1 * at[0] + 0.05 * at[1] : 0.3 + 0.2 * at[1] - 0.02 * at[0];
  }

  private static double[] squaredDistancesTo(double[] at) {
    double[] d = new double[CORNERS.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.pow(at[0] - CORNERS[i][0], 2) + Math.pow(at[1] - CORNERS[i][1], 2);
    }
    return d;
  }

  @Test
  void shouldPredictAHeldBackModelFromItsQCoordinates() {
    List<ScoreMatrix.Cell> cells = new ArrayList<>();
    for (int m = 0; m < MODELS.size(); m++) {
      for (int t = 0; t < TASKS.size(); t++) {
        cells.add(new ScoreMatrix.Cell(m, t, score(t, CORNERS[m])));
      }
    }
    double[][] axisSquared = new double[4][];
    for (int m = 0; m < 4; m++) {
      axisSquared[m] = squaredDistancesTo(CORNERS[m]);
    }
    ModelFacts facts = new ModelFacts(null, null, PARAMETERS, Map.of());
    CollaborativeFit fit = new CollaborativeInput(MODELS, List.of(facts, facts, facts, facts), TASKS,
        List.of(TaskFacts.UNKNOWN, TaskFacts.UNKNOWN), cells, "corpus", MODELS, axisSquared, axisSquared, SETTINGS).fit();

    double[] atA = fit.predictAll("held-back", facts, squaredDistancesTo(CORNERS[0]));
    double[] atD = fit.predictAll("held-back", facts, squaredDistancesTo(CORNERS[3]));

    // Classical scaling of the centred corners (±1.5, ±0.5): axis 1 the long side (λ 9), axis 2 the short
    // (λ 1), each signed so the first model's coordinate is positive: a (1.5, 0.5), d (−1.5, −0.5).
    // Numerical factors [ln(1 + parameters), parameters known, q1, q2, on the map], standardised over the four
    // models (population sd): the constant columns give 0, q1 / 1.5 and q2 / 0.5 give ±1.
    double[][] numeric = {{0, 0, 1, 1, 0}, {0, 0, -1, 1, 0}, {0, 0, 1, -1, 0}, {0, 0, -1, -1, 0}};
    DesignFactors design = new DesignFactors(numeric, new int[4][2], new int[] {1, 1}, new int[2][5],
        new int[] {1, 1, 1, 1, 1}); // no family, type, labels or task facts: every category "unknown"
    double[] mean = new double[2];
    double[] sd = new double[2];
    for (int t = 0; t < 2; t++) {
      for (double[] corner : CORNERS) {
        mean[t] += score(t, corner) / 4;
      }
      for (double[] corner : CORNERS) {
        sd[t] += Math.pow(score(t, corner) - mean[t], 2) / 4;
      }
      sd[t] = Math.sqrt(sd[t]);
    }
    List<ScoreMatrix.Cell> normalised = cells.stream()
        .map(c -> new ScoreMatrix.Cell(c.model(), c.task(), (c.value() - mean[c.task()]) / sd[c.task()])).toList();
    NeuralCollaborativeFiltering network = NeuralCollaborativeFiltering.fit(4, 2,
        NeuralCollaborativeFiltering.Variant.IDS_AND_FACTORS, design, normalised, new TrainingSettings(SETTINGS.epochs(),
            16, CollaborativeSettings.LEARNING_RATE, CollaborativeSettings.DECAY, SETTINGS.width(), 1));

    for (int t = 0; t < 2; t++) {
      assertThat(atA[t]).as("placed at a, task %d", t).isCloseTo(
          network.predictUnseen(new double[] {0, 0, 1, 1, 0}, new int[] {0, 0}, t) * sd[t] + mean[t], within(1e-9));
      assertThat(atD[t]).as("placed at d, task %d", t).isCloseTo(
          network.predictUnseen(new double[] {0, 0, -1, -1, 0}, new int[] {0, 0}, t) * sd[t] + mean[t], within(1e-9));
    }
    assertThat(Math.abs(atA[0] - atD[0]) + Math.abs(atA[1] - atD[1])).as("other Q coordinates, other predictions")
        .isGreaterThan(1e-3);
  }

  @Test
  void shouldEncodeExactlyTheNamedNumericalFactorsEachVaryingWhereTheModelsDo() {
    // three models that differ in every named factor: a 1e9-parameter model at (1, 2), a 1e6-parameter one at
    // (−1, 0), and one with no parameter count, not on the map
    List<ModelFacts> models = List.of(new ModelFacts(null, null, 1_000_000_000L, Map.of()),
        new ModelFacts(null, null, 1_000_000L, Map.of()), new ModelFacts(null, null, null, Map.of()));
    List<double[]> positions = java.util.Arrays.asList(new double[] {1, 2}, new double[] {-1, 0}, null);
    List<TaskFacts> tasks = List.of(TaskFacts.UNKNOWN);

    double[][] numeric = CollaborativeFactors.fit(models, positions, tasks, 2).design(models, positions, tasks)
        .modelNumeric();

    // [ln(1 + parameters), parameters known, q1, q2, on the map]: five named factors for two axes
    assertThat(numeric).hasDimensions(3, 5);
    for (int c = 0; c < 5; c++) {
      int column = c;
      assertThat(java.util.Arrays.stream(numeric).mapToDouble(row -> row[column]).map(Math::abs).max().orElse(0))
          .as("column %d is not always 0", c).isGreaterThan(0.1);
    }
    // on the map: 1, 1, 0 → mean 2/3, population sd √2/3 → the third model's value −(2/3)/(√2/3) = −√2
    assertThat(numeric[2][4]).isCloseTo(-Math.sqrt(2), within(1e-12));
  }
}
