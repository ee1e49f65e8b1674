package io.modelmap.hub;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits that keep a download from hanging.
 *
 * @param connect to open a connection
 * @param response from a request to its status and headers
 * @param idle the longest time a download's body may move no byte before it is cut and retried
 */
public record Timeouts(Duration connect, Duration response, Duration idle) {
  public Timeouts {
    for (Duration d : new Duration[] {Objects.requireNonNull(connect, "connect"),
        Objects.requireNonNull(response, "response"), Objects.requireNonNull(idle, "idle")}) {
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException("timeouts must be positive, was " + d);
      }
    }
  }

  /** 10 s each: constants.py DEFAULT_ETAG_TIMEOUT and DEFAULT_DOWNLOAD_TIMEOUT. */
  public static Timeouts defaults() {
    return new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10));
  }
}
