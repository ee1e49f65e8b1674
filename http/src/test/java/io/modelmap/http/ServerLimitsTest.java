package io.modelmap.http;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerLimitsTest {
  private static final Duration TEN = Duration.ofSeconds(10);

  @Test
  void shouldKeepTheAcceptorAndSelectorAndTwoRequestThreads() {
    assertThatThrownBy(() -> new ServerLimits(3, 10, TEN, TEN, 10)).hasMessageContaining("threads must be at least 4");
  }

  @Test
  void shouldQueueAtLeastOneRequest() {
    assertThatThrownBy(() -> new ServerLimits(8, 0, TEN, TEN, 10)).hasMessageContaining("queuedRequests");
  }

  @Test
  void shouldHaveAPositiveReadTimeout() {
    assertThatThrownBy(() -> new ServerLimits(8, 10, Duration.ZERO, TEN, 10)).hasMessageContaining("readTimeout");
  }

  @Test
  void shouldNotIdleOutBeforeTheReadTimeout() {
    assertThatThrownBy(() -> new ServerLimits(8, 10, TEN, Duration.ofSeconds(5), 10))
        .hasMessageContaining("idleTimeout");
  }

  @Test
  void shouldAllowAtLeastOneConnection() {
    assertThatThrownBy(() -> new ServerLimits(8, 10, TEN, TEN, 0)).hasMessageContaining("maxConnections");
  }

  @Test
  void shouldDefaultToBoundedThreadsAndShortTimeouts() {
    ServerLimits limits = ServerLimits.defaults();
    assertThat(limits.threads()).isEqualTo(32);
    assertThat(limits.readTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(limits.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
  }
}
