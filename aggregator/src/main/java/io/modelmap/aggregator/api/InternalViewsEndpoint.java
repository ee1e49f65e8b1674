package io.modelmap.aggregator.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * This instance's part of the views, for the other aggregator instances only ({@code ViewQueries}
 * asks here for keys and lists it does not hold). It listens on a port of its own, never the public
 * API's, so that a network policy (the Helm chart's) admits only aggregator pods to it.
 */
final class InternalViewsEndpoint implements AutoCloseable {
  static final String PREFIX = "/internal/views/";
  private final HttpServer server;

  private InternalViewsEndpoint(HttpServer server) {
    this.server = server;
  }

  static InternalViewsEndpoint bind(InetSocketAddress address) throws IOException {
    return new InternalViewsEndpoint(HttpServer.create(address, 0));
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  void start(ViewQueries views, Executor executor) {
    server.setExecutor(executor);
    server.createContext("/", exchange -> serve(exchange, views));
    server.start();
  }

  private static void serve(HttpExchange exchange, ViewQueries views) throws IOException {
    String path = exchange.getRequestURI().getPath();
    try {
      if (!"GET".equals(exchange.getRequestMethod()) || !path.startsWith(PREFIX)) {
        HttpExchanges.error(exchange, 404, "this port serves only GET " + PREFIX + "{view}[?key=]");
        return;
      }
      String view = path.substring(PREFIX.length());
      String key = HttpExchanges.query(exchange).get("key");
      if (!Views.all().contains(view)) {
        HttpExchanges.error(exchange, 404, "no view " + view);
      } else if (key == null) {
        HttpExchanges.json(exchange, 200, views.localAll(view));
      } else {
        Optional<Map<String, Object>> value = views.localGet(view, key);
        if (value.isPresent()) {
          HttpExchanges.json(exchange, 200, value.get());
        } else {
          HttpExchanges.error(exchange, 404, "no key " + key + " in " + view);
        }
      }
    } catch (InvalidStateStoreException e) {
      HttpExchanges.error(exchange, 503, "this instance is restoring or rebalancing its state");
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
