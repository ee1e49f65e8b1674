package io.modelmap.aggregator.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.aggregator.matrix.MapMethod;
import io.modelmap.aggregator.matrix.MatrixSettings;
import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The processors' settings refuse what they cannot work with, saying what was wrong. */
class PublishingSettingsTest {

  @Test
  void shouldRefuseNoNeighboursAndANonPositiveProvisionalInterval() {
    assertThatThrownBy(() -> new PublishingSettings(0, Duration.ofSeconds(2), Duration.ofMinutes(10)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("neighborCount must be at least 1, was 0");
    assertThatThrownBy(() -> new PublishingSettings(10, Duration.ZERO, Duration.ofMinutes(10)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("provisionalInterval must be positive, was PT0S");
  }

  @Test
  void shouldKeepAPositivePendingTimeout() {
    assertThat(PublishingSettings.defaults().withPendingTimeout(Duration.ofSeconds(45)).pendingTimeout())
        .isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void shouldRefuseAPendingTimeoutThatIsNotPositiveNamingItsOption() {
    assertThatThrownBy(() -> PublishingSettings.defaults().withPendingTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--pending-timeout must be positive, was PT0S");
    assertThatThrownBy(() -> PublishingSettings.defaults().withPendingTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRefuseAClippingQuantileOutsideTheLowerHalfNamingItsOption() {
    for (double q : new double[] {0, 0.5, -0.1}) {
      assertThatThrownBy(() -> new MatrixSettings(OptionalDouble.of(q), MapMethod.PCA))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("--clip-quantile must lie in (0, 0.5), was " + q);
    }
  }
}
