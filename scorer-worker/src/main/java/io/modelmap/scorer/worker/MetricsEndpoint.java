package io.modelmap.scorer.worker;

import io.modelmap.http.Access;
import io.modelmap.http.ErrorStyle;
import io.modelmap.http.HttpServer;
import io.modelmap.http.RouteTable;
import io.modelmap.http.ServerSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.BooleanSupplier;

/** Serves {@code /metrics} (Prometheus text) and {@code /health} for a worker, for scraping and probes. */
public final class MetricsEndpoint implements AutoCloseable {
  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
  private final HttpServer server;

  private MetricsEndpoint(HttpServer server) {
    this.server = server;
  }

  /** On {@code address} with the default limits. */
  public static MetricsEndpoint start(InetSocketAddress address, ScorerMetrics metrics, BooleanSupplier healthy)
      throws IOException {
    return start(ServerSettings.on(address), metrics, healthy);
  }

  public static MetricsEndpoint start(ServerSettings settings, ScorerMetrics metrics, BooleanSupplier healthy)
      throws IOException {
    return new MetricsEndpoint(HttpServer.start("worker-metrics", settings, ErrorStyle.errorField(),
        routes(metrics, healthy)));
  }

  /** Both open: Prometheus and the kubelet ask without a token. */
  static RouteTable routes(ScorerMetrics metrics, BooleanSupplier healthy) {
    return new RouteTable()
        .get("/metrics", Access.OPEN, ctx -> ctx.contentType(PROMETHEUS).result(metrics.scrape()))
        .get("/health", Access.OPEN, ctx -> {
          boolean up = healthy.getAsBoolean();
          ctx.status(up ? 200 : 503).contentType("text/plain; charset=utf-8").result(up ? "ok\n" : "stopped\n");
        });
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
