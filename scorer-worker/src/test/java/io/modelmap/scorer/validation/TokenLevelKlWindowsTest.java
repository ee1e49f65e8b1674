package io.modelmap.scorer.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Sliding windows in §6's ζ and KL, on hand-written models whose windowed values are known in closed form. */
class TokenLevelKlWindowsTest {
  // bigram models over 3 tokens: the logits depend only on the input token, so windows change nothing
  private static final double[][] P = {{0, 1, 2}, {1, 0, -1}, {0.5, 0.5, 0}};
  private static final double[][] Q = {{2, 0, 1}, {0, 0, 0}, {-1, 1, 0.5}};

  @Test
  void shouldGiveABigramModelsLogLikelihoodForAnyWindowing() {
    long[] text = {1, 2, 2, 0, 1, 1, 2, 0, 0, 2, 1};
    // ℓ = Σ_t log P(y_t | y_{t−1}), y_0 the start token 0, written out with log-sum-exp per row
    double expected = 0;
    long previous = 0;
    for (long y : text) {
      expected += P[(int) previous][(int) y] - logSumExp(P[(int) previous]);
      previous = y;
    }
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      for (int context : new int[] {2, 3, 5, 11, 64}) {
        for (int stride = 1; stride <= Math.min(context, 4); stride++) {
          var c = TokenLevelKl.coordinates(bigram(P, context), text, stride, manager);
          assertThat(c.logLikelihood()).as("context %d stride %d", context, stride).isCloseTo(expected, within(1e-5));
          assertThat(Arrays.stream(c.zeta()).sum()).isCloseTo(0, within(1e-9));
        }
      }
    }
  }

  @Test
  void shouldScoreEachPositionWithTheHistoryItsWindowGivesIt() {
    // the logit of token 0 is the index in the window: p(1) = 1 / (1 + e^j). 8 tokens are 8 input positions;
    // context 4, stride 2: [0,4) scores positions 0–3 at j = 0..3, [2,6) positions 4, 5 at j = 2, 3,
    // [4,8) positions 6, 7 at j = 2, 3
    long[] text = {1, 1, 1, 1, 1, 1, 1, 1};
    int[] j = {0, 1, 2, 3, 2, 3, 2, 3};
    double expected = 0;
    for (int k : j) {
      expected -= Math.log(1 + Math.exp(k));
    }
    ToyLm counting = new ToyLm((token, position) -> new double[] {position, 0}, 2, 4);
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      var c = TokenLevelKl.coordinates(counting, text, 2, manager);
      assertThat(c.logLikelihood()).isCloseTo(expected, within(1e-5));
      assertThat(c.zeta()[4] - c.zeta()[2]).isCloseTo(0, within(1e-6)); // both at j = 2
      // stride 4 (no overlap): j = 0, 1, 2, 3 twice
      double noOverlap = 0;
      for (int k : new int[] {0, 1, 2, 3, 0, 1, 2, 3}) {
        noOverlap -= Math.log(1 + Math.exp(k));
      }
      assertThat(TokenLevelKl.coordinates(counting, text, 4, manager).logLikelihood())
          .isCloseTo(noOverlap, within(1e-5));
    }
  }

  @Test
  void shouldSumEachPositionsKlOnceAcrossWindows() {
    long[] text = {2, 2, 1, 0, 0, 1, 2, 1, 0};
    double expected = 0;
    long previous = 0;
    for (long y : text) {
      expected += klOfRows(P[(int) previous], Q[(int) previous]);
      previous = y;
    }
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      for (int context : new int[] {2, 4, 9, 32}) {
        double kl = TokenLevelKl.exactKl(bigram(P, context), bigram(Q, context), text, 1, manager);
        assertThat(kl).as("context %d", context).isCloseTo(expected, within(1e-5));
      }
    }
  }

  @Test
  void shouldGiveTheExpectedZetaDistanceOfEnumeratingEveryDrawnText() {
    // y_t drawn from P(·|y_{t−1} of the text), every one of the 3^4 texts: E Σ_t (d_t − d̄)², d = log P − log Q
    long[] text = {1, 2, 0, 2};
    double[][] logP = logSoftmaxRows(P);
    double[][] logQ = logSoftmaxRows(Q);
    long[] history = {0, 1, 2, 0}; // the start token, then the text's own tokens
    double expected = 0;
    for (int code = 0; code < 81; code++) {
      int[] y = {code % 3, code / 3 % 3, code / 9 % 3, code / 27};
      double probability = 1;
      double[] d = new double[4];
      for (int t = 0; t < 4; t++) {
        int h = (int) history[t];
        probability *= Math.exp(logP[h][y[t]]);
        d[t] = logP[h][y[t]] - logQ[h][y[t]];
      }
      double mean = Arrays.stream(d).average().orElseThrow();
      expected += probability * Arrays.stream(d).map(v -> (v - mean) * (v - mean)).sum();
    }
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      for (int context : new int[] {2, 4}) {
        var pair = TokenLevelKl.compare(bigram(P, context), bigram(Q, context), text, 1, manager);
        assertThat(pair.expectedZetaDistance()).as("context %d", context).isCloseTo(expected, within(1e-5));
      }
    }
  }

  private static ToyLm bigram(double[][] rows, int context) {
    return new ToyLm((token, position) -> rows[token], 3, context);
  }

  private static double klOfRows(double[] p, double[] q) {
    double lp = logSumExp(p);
    double lq = logSumExp(q);
    double kl = 0;
    for (int v = 0; v < p.length; v++) {
      kl += Math.exp(p[v] - lp) * ((p[v] - lp) - (q[v] - lq));
    }
    return kl;
  }

  private static double[][] logSoftmaxRows(double[][] rows) {
    double[][] out = new double[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      double z = logSumExp(rows[r]);
      out[r] = Arrays.stream(rows[r]).map(v -> v - z).toArray();
    }
    return out;
  }

  private static double logSumExp(double[] row) {
    return Math.log(Arrays.stream(row).map(Math::exp).sum());
  }
}
