package io.modelmap.math.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BenchmarkForecastTest {
  @Test
  void kendallByHand() {
    // of the 10 pairs, (2,3) and (4,5) are discordant: τ = (8 − 2)/10; z = 3τ√(n(n−1))/√(2(2n+5)) = 1.4697
    double[] result = BenchmarkForecast.kendall(new double[] {1, 2, 3, 4, 5}, new double[] {1, 3, 2, 5, 4});
    assertThat(result[0]).isCloseTo(0.6, within(1e-12));
    assertThat(result[1]).isCloseTo(0.14156, within(1e-4));
  }

  @Test
  void ridgeOnStandardisedFeaturesByHand() {
    // x = −1, 0, 1 (sd √(2/3): z = ∓√1.5, 0), y = 0, 1, 2: w = Σz(y − 1)/(Σz² + λ) = 2√1.5/(3 + 1),
    // so at x = 1 the prediction is 1 + w·√1.5 = 1 + 3/4
    EmbeddingRidge fit = EmbeddingRidge.fit(new double[][] {{-1}, {0}, {1}}, new double[] {0, 1, 2}, 1.0);
    assertThat(fit.predict(new double[] {1})).isCloseTo(1.75, within(1e-12));
    assertThat(fit.predict(new double[] {0})).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void embeddingsThatHoldTheAccuracyRankEveryTestSplitRight() {
    Random random = new Random(4);
    int n = 30;
    double[][] embeddings = new double[n][4];
    double[] accuracy = new double[n];
    double[] elsewhere = new double[n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 4; k++) {
        embeddings[i][k] = random.nextGaussian();
      }
      accuracy[i] = 0.5 + 0.1 * embeddings[i][2]; // linear in the third coordinate
      elsewhere[i] = random.nextDouble(); // unrelated
    }
    BenchmarkForecast.Result r = BenchmarkForecast.of(embeddings, accuracy, elsewhere, 50, 10, 1);
    assertThat(r.probeTau()).as("ridge shrinks, and 20 models lend the noise coordinates some weight").isGreaterThan(0.9);
    assertThat(r.probeSignificant()).isGreaterThanOrEqualTo(0.95);
    assertThat(r.baselineTau()).as("an unrelated baseline").isBetween(-0.3, 0.3);
    assertThat(r.baselineSignificant()).isLessThan(0.2);
  }
}
