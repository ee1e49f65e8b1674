package io.modelmap.aggregator.api;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of {@code /api/events} beyond the instance's {@value UpdateBroadcaster#MAX_SUBSCRIBERS}
 * streams: a share per remote address, so one client cannot hold them all, and a heartbeat, the
 * comment that finds a departed client (a write to it fails) and frees its place within two beats.
 *
 * @param perAddress streams one remote address may hold (behind a proxy, every client has the proxy's)
 * @param heartbeat the longest a stream goes without a write
 */
public record EventStreamLimits(int perAddress, Duration heartbeat) {
  public EventStreamLimits {
    Objects.requireNonNull(heartbeat, "heartbeat");
    if (perAddress < 1 || perAddress > UpdateBroadcaster.MAX_SUBSCRIBERS) {
      throw new IllegalArgumentException("perAddress must be between 1 and " + UpdateBroadcaster.MAX_SUBSCRIBERS
          + ", was " + perAddress);
    }
    if (heartbeat.compareTo(Duration.ofMillis(100)) < 0 || heartbeat.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("heartbeat must be between 100 ms and 1 min, was " + heartbeat);
    }
  }

  /** 8 streams per address, a heartbeat every second. */
  public static EventStreamLimits defaults() {
    return new EventStreamLimits(8, Duration.ofSeconds(1));
  }
}
