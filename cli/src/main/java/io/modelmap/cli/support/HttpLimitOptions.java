package io.modelmap.cli.support;

import io.modelmap.http.ServerLimits;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * What one client, or a thousand, can take from the aggregator's two HTTP servers ({@link ServerLimits}),
 * each option also an environment variable; the defaults are {@link ServerLimits#defaults()}.
 */
public final class HttpLimitOptions {
  /** The option of each {@link ServerLimits} component, so that a refused value names what the user typed. */
  private static final Map<String, String> OPTION_OF = Map.of("threads", "--http-threads",
      "queuedRequests", "--http-queued-requests", "queueTimeout", "--http-queue-timeout",
      "readTimeout", "--http-read-timeout", "idleTimeout", "--http-idle-timeout",
      "maxConnections", "--http-max-connections");

  @Option(names = "--http-threads", defaultValue = "${env:MODELMAP_HTTP_THREADS:-32}",
      description = "Requests each HTTP server (API, internal views) handles at once, each on a thread of a bounded"
          + " pool; event streams hold none (env MODELMAP_HTTP_THREADS; default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--http-queued-requests", defaultValue = "${env:MODELMAP_HTTP_QUEUED_REQUESTS:-256}",
      description = "Requests that may wait, without a thread, for their turn; more are answered 503"
          + " (env MODELMAP_HTTP_QUEUED_REQUESTS; default ${DEFAULT-VALUE}).")
  int queuedRequests;

  @Option(names = "--http-queue-timeout", defaultValue = "${env:MODELMAP_HTTP_QUEUE_TIMEOUT:-PT10S}",
      description = "How long a request waits for its turn before it is answered 503 (ISO-8601;"
          + " env MODELMAP_HTTP_QUEUE_TIMEOUT; default ${DEFAULT-VALUE}).")
  Duration queueTimeout;

  @Option(names = "--http-read-timeout", defaultValue = "${env:MODELMAP_HTTP_READ_TIMEOUT:-PT10S}",
      description = "How long a new connection may take to send its request line and headers before it is closed"
          + " (ISO-8601; env MODELMAP_HTTP_READ_TIMEOUT; default ${DEFAULT-VALUE}).")
  Duration readTimeout;

  @Option(names = "--http-idle-timeout", defaultValue = "${env:MODELMAP_HTTP_IDLE_TIMEOUT:-PT30S}",
      description = "How long a connection may stay open with no byte moving, at least --http-read-timeout"
          + " (ISO-8601; env MODELMAP_HTTP_IDLE_TIMEOUT; default ${DEFAULT-VALUE}).")
  Duration idleTimeout;

  @Option(names = "--http-max-connections", defaultValue = "${env:MODELMAP_HTTP_MAX_CONNECTIONS:-1024}",
      description = "Connections each HTTP server keeps open at once; more wait in the kernel's backlog. They share"
          + " the process's file limit with Kafka's clients (env MODELMAP_HTTP_MAX_CONNECTIONS; default ${DEFAULT-VALUE}).")
  int maxConnections;

  /** The limits, validated: a refused value is one line naming its option. */
  public ServerLimits limits() {
    try {
      return new ServerLimits(threads, queuedRequests, queueTimeout, readTimeout, idleTimeout, maxConnections);
    } catch (IllegalArgumentException e) {
      String component = e.getMessage().split("[ (]", 2)[0];
      throw new UsageError(OPTION_OF.getOrDefault(component, "--http-*") + ": " + e.getMessage());
    }
  }
}
