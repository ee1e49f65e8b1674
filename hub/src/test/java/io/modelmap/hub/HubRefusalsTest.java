package io.modelmap.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.hubstandin.HubStandIn;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the Hub refuses, and a Hub that fails, each end in one line; retries are bounded and honour Retry-After. */
class HubRefusalsTest extends StandInHubTest {
  @Test
  void shouldSayInOneLineThatAGatedModelNeedsAccess() {
    hub.repo("org/gated").push(files);
    hub.repo("org/gated").gate("hf_granted");
    String expected = "model org/gated needs access: request it on the Hub page " + hub.endpoint()
        + "/org/gated, then set HF_TOKEN";

    assertThatThrownBy(() -> client().resolve(HubModelId.parse("org/gated")))
        .isInstanceOf(HubException.class).hasMessage(expected);
    assertThatThrownBy(() -> client(Optional.of("hf_wrong"), false).resolve(HubModelId.parse("org/gated")))
        .isInstanceOf(HubException.class).hasMessage(expected + " (the HF_TOKEN set does not grant it)");
    assertThat(hub.count("GET", p -> p.startsWith("/api/")))
        .as("401 is an answer, not retried").isEqualTo(2);
  }

  @Test
  void shouldNameTheModelAndRevisionOnA404() {
    assertThatThrownBy(() -> client().resolve(HubModelId.parse("org/missing")))
        .isInstanceOf(HubException.class)
        .hasMessage("no model org/missing at revision main on " + hub.endpoint());
    assertThatThrownBy(() -> client().resolve(HubModelId.parse("org/tiny@v9")))
        .isInstanceOf(HubException.class)
        .hasMessage("no model org/tiny at revision v9 on " + hub.endpoint());
  }

  @Test
  void shouldRefuseAModelOverTheSizeLimitBeforeDownloadingAnything() {
    long total = files.values().stream().mapToLong(b -> b.length).sum();
    HubClient limited = HubClient.builder(settings(Optional.empty(), false)).optSizeLimit(total - 1)
        .optRetry(FAST_RETRY).build();

    assertThatThrownBy(() -> limited.resolve(HubModelId.parse("org/tiny")))
        .isInstanceOf(HubException.class)
        .hasMessage("model org/tiny@main needs " + SizeLimit.format(total) + " in 3 files, more than the limit of "
            + SizeLimit.format(total - 1));
    assertThat(hub.requests()).extracting(HubStandIn.Request::method).containsExactly("GET");
  }

  @Test
  void shouldRetryA503AfterTheRetryAfterItAsks() {
    hub.fail(503, Optional.of(Duration.ofSeconds(1)), 1);
    long start = System.nanoTime();

    HubSnapshot snapshot = client().resolve(HubModelId.parse("org/tiny"));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(snapshot.commit()).isEqualTo(commit);
    assertThat(hub.count("GET", p -> p.startsWith("/api/"))).isEqualTo(2);
  }

  @Test
  void shouldGiveUpAfterTheBoundedRetriesWithOneLine() {
    hub.fail(500, Optional.empty(), 100);

    assertThatThrownBy(() -> client().resolve(HubModelId.parse("org/tiny")))
        .isInstanceOf(HubException.class)
        .satisfies(e -> assertThat(((HubException) e).kind()).isEqualTo(HubException.Kind.NETWORK))
        .hasMessage("GET " + hub.endpoint() + "/api/models/org/tiny/revision/main?blobs=true failed 3 times, last: "
            + "HTTP 500 from " + hub.endpoint() + "/api/models/org/tiny/revision/main?blobs=true");
    assertThat(hub.count("GET", p -> p.startsWith("/api/"))).isEqualTo(3);
  }

  @Test
  void shouldGiveUpOnAnUnreachableHubWithOneLine() throws IOException {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    HubSettings nowhere = new HubSettings(home, home.resolve("hub"), "http://127.0.0.1:" + closedPort, Optional.empty(),
        false);

    assertThatThrownBy(() -> HubClient.builder(nowhere).optRetry(FAST_RETRY).optTimeouts(SHORT).build()
        .resolve(HubModelId.parse("org/tiny")))
        .isInstanceOf(HubException.class)
        .hasMessageStartingWith("GET http://127.0.0.1:" + closedPort + "/api/models/org/tiny/revision/main?blobs=true"
            + " failed 3 times, last: ConnectException")
        .hasMessageNotContaining("\n");
  }

  @Test
  void shouldUseTheCacheWhenTheHubKeepsFailing() {
    HubSnapshot first = client().resolve(HubModelId.parse("org/tiny"));
    hub.fail(503, Optional.empty(), 100);

    HubSnapshot again = client().resolve(HubModelId.parse("org/tiny"));

    assertThat(again.folder()).isEqualTo(first.folder());
    assertThat(again.downloaded()).isEmpty();
  }
}
