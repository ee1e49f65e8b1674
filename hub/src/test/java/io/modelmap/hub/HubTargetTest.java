package io.modelmap.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** URLs as huggingface_hub builds them, and Retry-After in both of its forms. */
class HubTargetTest {
  final HubTarget target = new HubTarget(HubModelId.parse("org/name@refs/pr/1"), "https://hub.internal", false);

  @Test
  void shouldQuoteTheRevisionWhole() {
    assertThat(target.apiUri())
        .hasToString("https://hub.internal/api/models/org/name/revision/refs%2Fpr%2F1?blobs=true");
  }

  @Test
  void shouldQuoteTheFilePath() {
    assertThat(target.resolveUri("0123456789abcdef0123456789abcdef01234567", "a b+c.json"))
        .hasToString("https://hub.internal/org/name/resolve/0123456789abcdef0123456789abcdef01234567/a%20b%2Bc.json");
  }

  @Test
  void shouldReadRetryAfterAsSecondsOrAsADate() {
    ZonedDateTime now = ZonedDateTime.of(2026, 12, 7, 13, 0, 0, 0, ZoneOffset.UTC);
    assertThat(HubTarget.retryAfter("7", now)).contains(Duration.ofSeconds(7));
    assertThat(HubTarget.retryAfter("Mon, 07 Dec 2026 13:00:30 GMT", now)).contains(Duration.ofSeconds(30));
    assertThat(HubTarget.retryAfter("Mon, 07 Dec 2026 12:00:00 GMT", now)).contains(Duration.ZERO);
    assertThat(HubTarget.retryAfter("soon", now)).isEmpty();
  }
}
