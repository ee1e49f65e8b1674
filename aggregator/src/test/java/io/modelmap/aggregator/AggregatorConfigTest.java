package io.modelmap.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AggregatorConfigTest {
  private static final AggregatorConfig DEFAULTS = AggregatorConfig.defaults("unused:9092", "mock://", Path.of("state"));

  @Test
  void shouldKeepAPositivePendingTimeout() {
    assertThat(DEFAULTS.withPendingTimeout(Duration.ofSeconds(45)).pendingTimeout()).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void shouldRefuseAPendingTimeoutThatIsNotPositive() {
    assertThatThrownBy(() -> DEFAULTS.withPendingTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pendingTimeout must be positive");
    assertThatThrownBy(() -> DEFAULTS.withPendingTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
