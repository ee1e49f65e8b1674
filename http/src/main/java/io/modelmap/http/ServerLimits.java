package io.modelmap.http;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client, or a thousand, can take from a server: a bounded pool of request threads with a
 * bounded queue in front of it, a deadline for a new connection to deliver its request, an idle
 * timeout, and a cap on open connections (they share the process's file limit with the embedded
 * broker).
 *
 * @param threads request threads at most (Jetty's acceptor and selector run on two of them)
 * @param queuedRequests requests waiting for a thread at most; beyond it a connection is closed
 * @param readTimeout how long a new connection may take to deliver its request line and headers
 * @param idleTimeout how long a connection may stay open with no byte moving in either direction
 * @param maxConnections connections open at once; beyond it new ones wait in the kernel's backlog
 */
public record ServerLimits(int threads, int queuedRequests, Duration readTimeout, Duration idleTimeout,
    int maxConnections) {
  /** The acceptor, the selector and at least two request threads. */
  static final int MIN_THREADS = 4;

  public ServerLimits {
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (threads < MIN_THREADS) {
      throw new IllegalArgumentException("threads must be at least " + MIN_THREADS + ", was " + threads);
    }
    if (queuedRequests < 1) {
      throw new IllegalArgumentException("queuedRequests must be positive, was " + queuedRequests);
    }
    if (readTimeout.isNegative() || readTimeout.isZero()) {
      throw new IllegalArgumentException("readTimeout must be positive, was " + readTimeout);
    }
    if (idleTimeout.compareTo(readTimeout) < 0) {
      throw new IllegalArgumentException("idleTimeout (" + idleTimeout + ") must be at least readTimeout ("
          + readTimeout + ")");
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be positive, was " + maxConnections);
    }
  }

  /**
   * 32 threads and 256 queued requests (the answers are store reads of milliseconds; event streams
   * hold no thread), 10 s to deliver a request, 30 s idle, 1,024 connections.
   */
  public static ServerLimits defaults() {
    return new ServerLimits(32, 256, Duration.ofSeconds(10), Duration.ofSeconds(30), 1024);
  }
}
