package io.modelmap.math.collab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPP's rank metrics as the authors' {@code reproduce/pilot.ipynb} computes them: the results table
 * holds only the held-out cells, one row per model; within each row the held-out cells are ranked by
 * their predicted and by their true scores (ascending, ties at the lowest rank, as pandas'
 * {@code rank(method='min')}), and every cell's |predicted rank − true rank| is pooled over the rows.
 * MAE@0 is the share of errors equal to 0, MAE@2 the share at most 2. A row with one held-out cell
 * always counts as exact, as in the notebook. {@link HeldOutQuality}'s ranks among every model of a
 * task are the project's stricter reading beside it.
 *
 * @param cells the held-out cells ranked
 * @param maeAt0 share of cells whose rank in their row is predicted exactly
 * @param maeAt2 share of cells whose rank in their row is predicted within 2
 */
public record WithinRowRanks(int cells, double maeAt0, double maeAt2) {

  /** One held-out cell: its row (a model), predicted and true score on one scale. */
  public record Prediction(int row, double predicted, double truth) {}

  public static WithinRowRanks of(List<Prediction> predictions) {
    Map<Integer, List<Prediction>> rows = new LinkedHashMap<>();
    predictions.forEach(p -> rows.computeIfAbsent(p.row(), r -> new ArrayList<>()).add(p));
    int exact = 0;
    int within2 = 0;
    for (List<Prediction> row : rows.values()) {
      for (Prediction cell : row) {
        int error = Math.abs(minRank(row, cell.predicted(), true) - minRank(row, cell.truth(), false));
        exact += error == 0 ? 1 : 0;
        within2 += error <= 2 ? 1 : 0;
      }
    }
    int n = predictions.size();
    return new WithinRowRanks(n, (double) exact / n, (double) within2 / n);
  }

  /** 1 + the number of the row's cells below {@code value} (predicted or true scores). */
  private static int minRank(List<Prediction> row, double value, boolean predicted) {
    int below = 0;
    for (Prediction other : row) {
      if ((predicted ? other.predicted() : other.truth()) < value) {
        below++;
      }
    }
    return 1 + below;
  }
}
