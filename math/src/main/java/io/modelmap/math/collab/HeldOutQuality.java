package io.modelmap.math.collab;

import java.util.List;

/**
 * CPP's Table 1 metrics on held-out cells (App. C.1): MSE and mean L1 on the normalised scale, and
 * from ranks: a held-out model's rank on its task among every model with a known score there, true
 * against the rank its predicted score would take (on the original scale, other models' true scores
 * fixed); accuracy is the share of equal ranks, MAE@2 the share within 2.
 */
public record HeldOutQuality(int cells, double mse, double meanL1, double rankAccuracy, double maeAt2) {

  public static HeldOutQuality of(ScoreMatrix scores, ModelNormalisation scale, CollaborativeModel model,
      List<ScoreMatrix.Cell> heldOut) {
    double squares = 0;
    double absolute = 0;
    int equal = 0;
    int within2 = 0;
    for (ScoreMatrix.Cell cell : heldOut) {
      double predicted = model.predict(cell.model(), cell.task());
      double truth = scale.normalised(cell.model(), cell.value());
      squares += (predicted - truth) * (predicted - truth);
      absolute += Math.abs(predicted - truth);
      int trueRank = rank(scores, cell, cell.value());
      int predictedRank = rank(scores, cell, scale.original(cell.model(), predicted));
      equal += trueRank == predictedRank ? 1 : 0;
      within2 += Math.abs(trueRank - predictedRank) <= 2 ? 1 : 0;
    }
    int n = heldOut.size();
    return new HeldOutQuality(n, squares / n, absolute / n, (double) equal / n, (double) within2 / n);
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
