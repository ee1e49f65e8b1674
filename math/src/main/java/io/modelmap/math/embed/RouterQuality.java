package io.modelmap.math.embed;

import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * EmbedLLM's router evaluation (§4.4): the share of test questions whose routed model answered right,
 * against the single model best on the training questions and against a random router that picks each
 * model as often as the router did (its expected accuracy: Σ_m share_m · accuracy_m).
 */
public record RouterQuality(double accuracy, int singleBest, double singleBestAccuracy, double weightedRandom) {

  /** {@code route} maps a question to the model the router picks. */
  public static RouterQuality of(CorrectnessMatrix correct, List<Integer> train, List<Integer> test,
      IntUnaryOperator route) {
    int[] chosen = new int[correct.models()];
    double right = 0;
    for (int q : test) {
      int m = route.applyAsInt(q);
      chosen[m]++;
      right += correct.right(m, q) ? 1 : 0;
    }
    int single = 0;
    for (int m = 1; m < correct.models(); m++) {
      if (correct.accuracy(m, train) > correct.accuracy(single, train)) {
        single = m;
      }
    }
    double weighted = 0;
    for (int m = 0; m < correct.models(); m++) {
      weighted += (double) chosen[m] / test.size() * correct.accuracy(m, test);
    }
    return new RouterQuality(right / test.size(), single, correct.accuracy(single, test), weighted);
  }
}
