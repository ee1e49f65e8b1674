package io.modelmap.hub;

import java.time.Duration;
import java.util.Optional;

/** A failure worth trying again: the Hub answered 429 or 5xx, perhaps saying when to come back. */
final class TransientFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient Optional<Duration> retryAfter;

  TransientFailure(String message, Optional<Duration> retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  Optional<Duration> retryAfter() {
    return retryAfter;
  }
}
