package io.modelmap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerLimitsTest {
  private static final Duration TEN = Duration.ofSeconds(10);

  @Test
  void shouldHandleAtLeastOneRequestAtOnce() {
    assertThatThrownBy(() -> new ServerLimits(0, 10, TEN, TEN, TEN, 10)).hasMessageContaining("threads");
  }

  @Test
  void shouldNotQueueANegativeNumberOfRequests() {
    assertThatThrownBy(() -> new ServerLimits(8, -1, TEN, TEN, TEN, 10)).hasMessageContaining("queuedRequests");
  }

  @Test
  void shouldHaveAPositiveQueueTimeout() {
    assertThatThrownBy(() -> new ServerLimits(8, 10, Duration.ZERO, TEN, TEN, 10)).hasMessageContaining("queueTimeout");
  }

  @Test
  void shouldHaveAPositiveReadTimeout() {
    assertThatThrownBy(() -> new ServerLimits(8, 10, TEN, Duration.ZERO, TEN, 10)).hasMessageContaining("readTimeout");
  }

  @Test
  void shouldNotIdleOutBeforeTheReadTimeout() {
    assertThatThrownBy(() -> new ServerLimits(8, 10, TEN, TEN, Duration.ofSeconds(5), 10))
        .hasMessageContaining("idleTimeout");
  }

  @Test
  void shouldAllowAtLeastOneConnection() {
    assertThatThrownBy(() -> new ServerLimits(8, 10, TEN, TEN, TEN, 0)).hasMessageContaining("maxConnections");
  }

  @Test
  void shouldDefaultToBoundedRequestsAndShortTimeouts() {
    ServerLimits limits = ServerLimits.defaults();
    assertThat(limits.threads()).isEqualTo(32);
    assertThat(limits.queuedRequests()).isEqualTo(256);
    assertThat(limits.readTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(limits.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(limits.poolThreads()).as("the requests' threads and Jetty's own").isEqualTo(38);
  }
}
