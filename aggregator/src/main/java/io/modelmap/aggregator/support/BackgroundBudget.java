package io.modelmap.aggregator.support;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Keeps the background work to a share of one core on average, so refits during a bulk arrival do not
 * slow the stream thread that ingests it: after a job of duration t, the next may start t·(1/share − 1)
 * later. With share 1/2 the thread idles as long as it last worked.
 */
public final class BackgroundBudget {
  private final double share;
  private final LongSupplier nanoClock;
  private final AtomicLong nextStartNanos;

  public BackgroundBudget(double share, LongSupplier nanoClock) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be in (0, 1], was " + share);
    }
    this.share = share;
    this.nanoClock = nanoClock;
    this.nextStartNanos = new AtomicLong(nanoClock.getAsLong());
  }

  public boolean allowsStart() {
    return nanoClock.getAsLong() >= nextStartNanos.get();
  }

  /** Runs a job, then holds the next start back in proportion to its duration (called on the background thread). */
  public <R> R charge(java.util.concurrent.Callable<R> job) throws Exception {
    long started = nanoClock.getAsLong();
    try {
      return job.call();
    } finally {
      long ended = nanoClock.getAsLong();
      nextStartNanos.set(ended + (long) ((ended - started) * (1 / share - 1)));
    }
  }
}
