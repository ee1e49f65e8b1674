package io.modelmap.math.collab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.math.optim.AdamParameters;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrainingSettingsTest {

  /** One parameter θ (starting at 0) predicting every cell: squared error (θ − y)². */
  private static final class Constant implements TrainingSettings.Fittable {
    final AdamParameters theta = new AdamParameters(1, new Random(1), 0);

    @Override
    public double predict(int model, int task) {
      return theta.value[0];
    }

    @Override
    public void accumulate(ScoreMatrix.Cell cell, double scale) {
      theta.gradient[0] += scale * (theta.value[0] - cell.value());
    }

    @Override
    public List<AdamParameters> parameters() {
      return List.of(theta);
    }
  }

  private static final List<ScoreMatrix.Cell> ONE_CELL = List.of(new ScoreMatrix.Cell(0, 0, 1.0));

  @Test
  void shouldTakeAPlainGradientStepWithSgd() {
    // y = 1, θ = 0, batch of one: d/dθ (θ − 1)² = 2 (0 − 1) = −2; SGD at 0.1: θ = 0 − 0.1 · (−2) = 0.2
    Constant fitted = new TrainingSettings(1, 1, 0.1, 0, 1, 3, TrainingSettings.Optimiser.SGD).fit(new Constant(), ONE_CELL);

    assertThat(fitted.predict(0, 0)).isCloseTo(0.2, within(1e-12));
  }

  @Test
  void shouldTakeAnAdamStepOfTheLearningRateByDefault() {
    // Adam's first step is lr · m̂ / (√v̂ + ε) with m̂ = g, v̂ = g²: 0.1 · 2 / (2 + 1e-8) ≈ 0.1, whatever the size of g
    Constant fitted = new TrainingSettings(1, 1, 0.1, 0, 1, 3).fit(new Constant(), ONE_CELL);

    assertThat(fitted.predict(0, 0)).isCloseTo(0.1, within(1e-8));
  }

  @Test
  void shouldAddTheDecayToTheGradientOfAnSgdStep() {
    // value 1, gradient 0.5, decay 0.2, lr 0.1: 1 − 0.1 · (0.5 + 0.2 · 1) = 0.93; the gradient is cleared
    AdamParameters p = new AdamParameters(1, new Random(1), 0);
    p.value[0] = 1;
    p.gradient[0] = 0.5;

    p.sgdStep(0.1, 0.2);

    assertThat(p.value[0]).isCloseTo(0.93, within(1e-12));
    assertThat(p.gradient[0]).isZero();
  }
}
