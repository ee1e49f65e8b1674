package io.modelmap.scorer.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/** Serves {@code /metrics} (Prometheus text) and {@code /health} for a worker, for scraping and probes. */
public final class MetricsEndpoint implements AutoCloseable {
  private final HttpServer server;

  private MetricsEndpoint(HttpServer server) {
    this.server = server;
  }

  public static MetricsEndpoint start(InetSocketAddress address, ScorerMetrics metrics, BooleanSupplier healthy)
      throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    server.createContext("/metrics", exchange -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
        metrics.scrape()));
    server.createContext("/health", exchange -> send(exchange, healthy.getAsBoolean() ? 200 : 503,
        "text/plain; charset=utf-8", healthy.getAsBoolean() ? "ok\n" : "stopped\n"));
    server.start();
    return new MetricsEndpoint(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
