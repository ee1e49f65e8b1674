package io.modelmap.hub;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a request that failed on the network, or got 429 or 5xx, is tried again, and how long the
 * client waits in between: doubling from {@code firstBackoff}, never longer than {@code maxWait}; a
 * {@code Retry-After} the Hub sends is honoured up to {@code maxWait} (a longer one ends the tries at once,
 * so that nothing waits for hours).
 *
 * @param attempts tries in all, the first included
 * @param firstBackoff the wait after the first failure
 * @param maxWait the longest single wait
 */
public record RetryPolicy(int attempts, Duration firstBackoff, Duration maxWait) {
  public RetryPolicy {
    Objects.requireNonNull(firstBackoff, "firstBackoff");
    Objects.requireNonNull(maxWait, "maxWait");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
    }
    if (firstBackoff.isNegative() || maxWait.compareTo(firstBackoff) < 0) {
      throw new IllegalArgumentException("need 0 <= firstBackoff <= maxWait, was " + firstBackoff + " and " + maxWait);
    }
  }

  /**
   * 5 tries, waiting 1, 2, 4 and 8 s between them: huggingface_hub's {@code utils/_http.py http_backoff} waits
   * from 1 s doubling up to 8 s (on 429, 500, 502, 503, 504 and network errors; here every 5xx); a
   * {@code Retry-After} up to 30 s is honoured.
   */
  public static RetryPolicy defaults() {
    return new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30));
  }

  /** The wait after failed try number {@code attempt} (1-based). */
  Duration backoff(int attempt) {
    Duration wait = firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    return wait.compareTo(maxWait) > 0 ? maxWait : wait;
  }
}
