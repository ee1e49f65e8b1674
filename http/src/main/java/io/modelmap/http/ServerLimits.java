package io.modelmap.http;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client, or a thousand, can take from a server: a bounded number of requests handled at
 * once (each on a thread of a bounded pool), a bounded number waiting for their turn for a bounded
 * time (without a thread; 503 beyond), a deadline for a new connection to deliver its request, an idle
 * timeout, and a cap on open connections (they share the process's file limit with the embedded
 * broker). Event streams are not counted among the requests: they hold no thread.
 *
 * @param threads requests handled at once
 * @param queuedRequests requests waiting for their turn at most; beyond it they are answered 503
 * @param queueTimeout how long a request waits for its turn before it is answered 503
 * @param readTimeout how long a new connection may take to deliver its request line and headers
 * @param idleTimeout how long a connection may stay open with no byte moving in either direction
 * @param maxConnections connections open at once; beyond it new ones wait in the kernel's backlog
 */
public record ServerLimits(int threads, int queuedRequests, Duration queueTimeout, Duration readTimeout,
    Duration idleTimeout, int maxConnections) {

  public ServerLimits {
    Objects.requireNonNull(queueTimeout, "queueTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive, was " + threads);
    }
    if (queuedRequests < 0) {
      throw new IllegalArgumentException("queuedRequests must not be negative, was " + queuedRequests);
    }
    if (!positive(queueTimeout)) {
      throw new IllegalArgumentException("queueTimeout must be positive, was " + queueTimeout);
    }
    if (!positive(readTimeout)) {
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
   * 32 requests at once and 256 waiting at most 10 s (the answers are store reads of milliseconds),
   * 10 s to deliver a request, 30 s idle, 1,024 connections.
   */
  public static ServerLimits defaults() {
    return new ServerLimits(32, 256, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30), 1024);
  }

  /** Threads of the pool: the requests' and Jetty's own (acceptor, selector, and a few for I/O callbacks). */
  int poolThreads() {
    return threads + 6;
  }

  private static boolean positive(Duration duration) {
    return !duration.isNegative() && !duration.isZero();
  }
}
