package io.modelmap.math.collab;

import java.util.ArrayList;
import java.util.List;

/**
 * CPP's Table 1 metrics on held-out cells (App. C.1): MSE and mean L1 on the normalised scale, and
 * from ranks: a held-out model's rank on its task among every model with a known score there, true
 * against the rank its predicted score would take (on the original scale, other models' true scores
 * fixed); accuracy is the share of equal ranks, MAE@2 the share within 2. Beside them the authors'
 * notebook protocol, {@link WithinRowRanks}: held-out cells ranked within their model's row.
 *
 * @param withinRow MAE@0 and MAE@2 of the held-out cells ranked within each model's row
 */
public record HeldOutQuality(int cells, double mse, double meanL1, double rankAccuracy, double maeAt2,
    WithinRowRanks withinRow) {

  public static HeldOutQuality of(ScoreMatrix scores, ModelNormalisation scale, CollaborativeModel model,
      List<ScoreMatrix.Cell> heldOut) {
    double squares = 0;
    double absolute = 0;
    int equal = 0;
    int within2 = 0;
    List<WithinRowRanks.Prediction> rows = new ArrayList<>();
    for (ScoreMatrix.Cell cell : heldOut) {
      double predicted = model.predict(cell.model(), cell.task());
      double truth = scale.normalised(cell.model(), cell.value());
      rows.add(new WithinRowRanks.Prediction(cell.model(), predicted, truth)); // one row's scale: same order
      squares += (predicted - truth) * (predicted - truth);
      absolute += Math.abs(predicted - truth);
      int trueRank = rank(scores, cell, cell.value());
      int predictedRank = rank(scores, cell, scale.original(cell.model(), predicted));
      equal += trueRank == predictedRank ? 1 : 0;
      within2 += Math.abs(trueRank - predictedRank) <= 2 ? 1 : 0;
    }
    int n = heldOut.size();
    return new HeldOutQuality(n, squares / n, absolute / n, (double) equal / n, (double) within2 / n,
        WithinRowRanks.of(rows));
  }

  /** 1 + the number of other models with a known score above {@code score} on the cell's task. */
  private static int rank(ScoreMatrix scores, ScoreMatrix.Cell cell, double score) {
    int above = 0;
    for (int m = 0; m < scores.models().size(); m++) {
      if (m != cell.model() && scores.known(m, cell.task()) && scores.score(m, cell.task()) > score) {
        above++;
      }
    }
    return 1 + above;
  }
}
