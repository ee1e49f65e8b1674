package io.modelmap.math.collab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.math.collab.WithinRowRanks.Prediction;
import java.util.List;
import org.junit.jupiter.api.Test;

class WithinRowRanksTest {

  @Test
  void shouldRankHeldOutCellsWithinEachRowAsThePilotNotebookDoes() {
    // Worked by hand (ascending ranks, ties at the lowest rank, pandas' rank(method='min')):
    // row 0: true 0.2 0.5 0.8 → 1 2 3; predicted 0.3 0.9 0.6 → 1 3 2; errors 0 1 1
    // row 1: one cell → rank 1 against rank 1; error 0
    // row 2: true 0.1 … 0.5 → 1 … 5; predicted reversed → 5 4 3 2 1; errors 4 2 0 2 4
    // row 3: true 0.6 0.6 (a tie) → 1 1; predicted 0.7 0.2 → 2 1; errors 1 0
    // 11 errors: 0 1 1 | 0 | 4 2 0 2 4 | 1 0 → four 0s (MAE@0 4/11), nine ≤ 2 (MAE@2 9/11).
    // The rows' cells come interleaved: the grouping is by row, not by position.
    List<Prediction> cells = List.of(new Prediction(2, 0.5, 0.1), new Prediction(0, 0.3, 0.2),
        new Prediction(3, 0.7, 0.6), new Prediction(2, 0.4, 0.2), new Prediction(1, 0.1, 0.4),
        new Prediction(0, 0.9, 0.5), new Prediction(2, 0.3, 0.3), new Prediction(2, 0.2, 0.4),
        new Prediction(3, 0.2, 0.6), new Prediction(0, 0.6, 0.8), new Prediction(2, 0.1, 0.5));

    WithinRowRanks ranks = WithinRowRanks.of(cells);

    assertThat(ranks.cells()).isEqualTo(11);
    assertThat(ranks.maeAt0()).isCloseTo(4.0 / 11, within(1e-15));
    assertThat(ranks.maeAt2()).isCloseTo(9.0 / 11, within(1e-15));
  }

  @Test
  void shouldCountEveryRowWithOneHeldOutCellAsExact() {
    // one cell per row, predictions far off: no cell has another in its row to be ranked against
    WithinRowRanks ranks = WithinRowRanks.of(List.of(new Prediction(0, 9, 0.1), new Prediction(1, -3, 0.9)));

    assertThat(ranks.maeAt0()).isEqualTo(1.0);
    assertThat(ranks.maeAt2()).isEqualTo(1.0);
  }

  @Test
  void heldOutQualityShouldCarryTheWithinRowRanksOfItsCells() {
    // 1 model × 4 tasks, raw 10 20 30 40: min 10, max 40, so normalised 0, 1/3, 2/3, 1.
    // Three cells held out (tasks 0, 1, 3); the model predicts 0.9, 0.1, 0.5 (normalised):
    // true row ranks 1 2 3, predicted 3 1 2 → errors 2 1 1: MAE@0 0, MAE@2 1.
    var scores = new ScoreMatrix(List.of("m"), List.of("a", "b", "c", "d"), new double[][] {{10, 20, 30, 40}});
    CollaborativeModel model = (m, t) -> new double[] {0.9, 0.1, 0.7, 0.5}[t];
    List<ScoreMatrix.Cell> held = List.of(new ScoreMatrix.Cell(0, 0, 10), new ScoreMatrix.Cell(0, 1, 20),
        new ScoreMatrix.Cell(0, 3, 40));

    HeldOutQuality quality = HeldOutQuality.of(scores, ModelNormalisation.of(scores), model, held);

    assertThat(quality.withinRow().cells()).isEqualTo(3);
    assertThat(quality.withinRow().maeAt0()).isEqualTo(0.0);
    assertThat(quality.withinRow().maeAt2()).isEqualTo(1.0);
  }
}
