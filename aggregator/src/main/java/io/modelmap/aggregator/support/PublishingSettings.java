package io.modelmap.aggregator.support;

import java.time.Duration;
import java.util.Objects;

/**
 * What the feature processors share: how many neighbours they list, how often they publish results of
 * work in progress, and how long a record naming something not seen yet waits before it is dead-lettered.
 *
 * @param neighborCount k of the top-k neighbour (and agreement partner) lists
 * @param provisionalInterval how often provisional results of models in progress are published
 * @param pendingTimeout how long a record naming a text or item not yet seen, or scores of a model not yet registered
 *     on their corpus, wait before they are dead-lettered
 */
public record PublishingSettings(int neighborCount, Duration provisionalInterval, Duration pendingTimeout) {

  public PublishingSettings {
    Objects.requireNonNull(provisionalInterval, "provisionalInterval");
    Objects.requireNonNull(pendingTimeout, "pendingTimeout");
    if (neighborCount < 1) {
      throw new IllegalArgumentException("neighborCount must be at least 1, was " + neighborCount);
    }
    if (provisionalInterval.isNegative() || provisionalInterval.isZero()) {
      throw new IllegalArgumentException("provisionalInterval must be positive, was " + provisionalInterval);
    }
    if (pendingTimeout.isNegative() || pendingTimeout.isZero()) {
      throw new IllegalArgumentException("--pending-timeout must be positive, was " + pendingTimeout);
    }
  }

  /** These settings, records waiting at most {@code timeout} (--pending-timeout). */
  public PublishingSettings withPendingTimeout(Duration timeout) {
    return new PublishingSettings(neighborCount, provisionalInterval, timeout);
  }

  /** 10 neighbours, provisional results every 2 s, records waiting at most 10 minutes. */
  public static PublishingSettings defaults() {
    return new PublishingSettings(10, Duration.ofSeconds(2), Duration.ofMinutes(10));
  }
}
