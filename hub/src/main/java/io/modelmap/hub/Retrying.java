package io.modelmap.hub;

import java.io.IOException;
import java.time.Duration;

/** Runs a request under a {@link RetryPolicy}: network errors and {@link TransientFailure}s are tried again. */
final class Retrying {
  /** One try; IOExceptions are network failures (local file errors are thrown as {@link HubException}). */
  @FunctionalInterface
  interface Attempt<T> {
    T run() throws IOException, TransientFailure;
  }

  private final RetryPolicy policy;

  Retrying(RetryPolicy policy) {
    this.policy = policy;
  }

  /** The attempt's result, or a {@link HubException} of kind NETWORK naming {@code what} after the last try. */
  <T> T run(String what, Attempt<T> attempt) {
    for (int tried = 1; ; tried++) {
      Exception failure;
      Duration wait = policy.backoff(tried);
      try {
        return attempt.run();
      } catch (TransientFailure e) {
        failure = e;
        if (e.retryAfter().isPresent()) {
          Duration asked = e.retryAfter().get();
          if (asked.compareTo(policy.maxWait()) > 0) {
            throw new HubException(HubException.Kind.NETWORK, what + ": " + e.getMessage() + " asks to retry after "
                + asked.toSeconds() + " s, longer than the " + policy.maxWait().toSeconds() + " s this client waits",
                e);
          }
          wait = asked.compareTo(wait) > 0 ? asked : wait;
        }
      } catch (IOException e) {
        failure = e;
      }
      if (tried >= policy.attempts()) {
        throw new HubException(HubException.Kind.NETWORK, what + " failed " + tried + " times, last: "
            + describe(failure), failure);
      }
      sleep(wait, what);
    }
  }

  private static void sleep(Duration wait, String what) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HubException(HubException.Kind.NETWORK, what + ": interrupted while waiting to retry", e);
    }
  }

  static String describe(Exception e) {
    String message = e.getMessage();
    return e instanceof TransientFailure ? message
        : e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
  }
}
