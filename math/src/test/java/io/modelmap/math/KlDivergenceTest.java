package io.modelmap.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class KlDivergenceTest {

  @Test
  void shouldUseOnlyTextsBothModelsScored() {
    double[] partial = {-1, Double.NaN, -3};
    double[] complete = {-2, -5, -2};

    KlEstimate estimate = KlDivergence.fromOverlap(partial, complete);

    // differences 1 and −1: mean 0, variance 1, KL = 1/2
    assertThat(estimate.overlap()).isEqualTo(2);
    assertThat(estimate.nats()).isCloseTo(0.5, within(1e-15));
  }

  @Test
  void shouldReportNoOverlapAsNaN() {
    KlEstimate estimate = KlDivergence.fromOverlap(new double[] {Double.NaN}, new double[] {-1});

    assertThat(estimate.overlap()).isZero();
    assertThat(estimate.nats()).isNaN();
  }

  @Test
  void shouldConvertNatsToBitsPerByteWithPaperFactor() {
    // paper §3.5: mean length 972.3188 bytes gives the factor 0.001484
    assertThat(KlDivergence.toBitsPerByte(1.0, 972.3188)).isCloseTo(0.001484, within(5e-7));
  }
}
