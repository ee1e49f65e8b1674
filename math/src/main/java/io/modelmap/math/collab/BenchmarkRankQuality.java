package io.modelmap.math.collab;

import java.util.ArrayList;
import java.util.List;

/**
 * How well one benchmark's predicted scores (out-of-fold, one per model) agree with the observed ones,
 * beyond correlation: the mean absolute error; rank accuracy as {@link HeldOutQuality} counts it (a
 * model's predicted score ranked among the other models' observed scores lands on its observed rank);
 * and MAE@0 / MAE@2 as CPP's notebook counts them ({@link WithinRowRanks}, the benchmark's predictions
 * ranked among themselves against its observed scores).
 *
 * @param meanAbsoluteError mean |predicted − observed|, in the scores' units
 * @param rankAccuracy share of models whose predicted score takes their observed rank among the others
 * @param maeAt0 share of models whose rank among the predictions equals their observed rank
 * @param maeAt2 share within 2 of it
 */
public record BenchmarkRankQuality(double meanAbsoluteError, double rankAccuracy, double maeAt0, double maeAt2) {

  public static BenchmarkRankQuality of(double[] predicted, double[] observed) {
    if (predicted.length != observed.length || predicted.length == 0) {
      throw new IllegalArgumentException(predicted.length + " predictions for " + observed.length + " observed scores");
    }
    int n = predicted.length;
    double absolute = 0;
    int equal = 0;
    List<WithinRowRanks.Prediction> row = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      absolute += Math.abs(predicted[i] - observed[i]);
      equal += rankAmongOthers(observed, i, predicted[i]) == rankAmongOthers(observed, i, observed[i]) ? 1 : 0;
      row.add(new WithinRowRanks.Prediction(0, predicted[i], observed[i]));
    }
    WithinRowRanks ranks = WithinRowRanks.of(row);
    return new BenchmarkRankQuality(absolute / n, (double) equal / n, ranks.maeAt0(), ranks.maeAt2());
  }

  /** 1 + the number of models other than {@code self} observed above {@code score}. */
  private static int rankAmongOthers(double[] observed, int self, double score) {
    int above = 0;
    for (int j = 0; j < observed.length; j++) {
      if (j != self && observed[j] > score) {
        above++;
      }
    }
    return 1 + above;
  }
}
