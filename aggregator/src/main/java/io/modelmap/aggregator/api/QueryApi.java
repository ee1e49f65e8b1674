package io.modelmap.aggregator.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelmap.aggregator.AggregatorConfig;
import io.modelmap.aggregator.AggregatorMetrics;
import io.modelmap.aggregator.api.body.HealthBody;
import io.modelmap.aggregator.api.body.ModelBody;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregator's HTTP API (JSON, described at {@code /openapi.json}) and dashboard. Binds where it
 * is told (loopback by default); the bound address is the instance's {@code application.server}.
 */
public final class QueryApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QueryApi.class);
  private static final String DASHBOARD = "io/modelmap/aggregator/dashboard/";

  private final HttpServer server;
  private final InternalViewsEndpoint internal;
  private final String advertisedHost;
  private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "query-api");
    thread.setDaemon(true);
    return thread;
  });
  private ViewQueries views;
  private ModelCatalog catalog;
  private Analyses analyses;
  private PredictionAnswers predictions;
  private RouteAnswers routes;
  private LineageAnswers lineage;
  private UpdateBroadcaster updates;
  private AggregatorMetrics metrics;
  private java.util.function.Supplier<KafkaStreams.State> streamsState;
  /** Parts of the process beside Kafka Streams whose death /health reports, by name. */
  private final Map<String, java.util.function.BooleanSupplier> watched = new java.util.concurrent.ConcurrentSkipListMap<>();

  private QueryApi(HttpServer server, InternalViewsEndpoint internal, String advertisedHost) {
    this.server = server;
    this.internal = internal;
    this.advertisedHost = advertisedHost;
  }

  /** Binds now (so the port is known before Kafka Streams starts); serves once {@link #start} is called. */
  public static QueryApi bind(ApiSettings settings) throws IOException {
    return new QueryApi(HttpServer.create(settings.bind(), 0), InternalViewsEndpoint.bind(settings.internalBind()),
        settings.advertisedHost());
  }

  /** This instance as other instances reach it, on its internal views port: its {@code application.server}. */
  public HostInfo hostInfo() {
    InetSocketAddress bound = internal.address();
    return new HostInfo(advertisedHost != null ? advertisedHost : bound.getHostString(), bound.getPort());
  }

  /** Where the other instances read this one's views. */
  public String internalUrl() {
    return "http://" + hostInfo().host() + ":" + hostInfo().port() + "/";
  }

  public String url() {
    InetSocketAddress bound = server.getAddress();
    return "http://" + (advertisedHost != null ? advertisedHost : bound.getHostString()) + ":" + bound.getPort() + "/";
  }

  public void start(KafkaStreams streams, AggregatorConfig config, AggregatorMetrics metrics) {
    this.metrics = metrics;
    views = new ViewQueries(streams, hostInfo());
    streamsState = streams::state;
    catalog = new ModelCatalog(views);
    analyses = new Analyses(views, catalog);
    predictions = new PredictionAnswers(views);
    routes = new RouteAnswers(views, streams);
    lineage = new LineageAnswers(views);
    updates = new UpdateBroadcaster(config);
    Thread follower = new Thread(updates, "update-broadcaster");
    follower.setDaemon(true);
    follower.start();
    server.setExecutor(executor);
    server.createContext("/", this::route);
    server.start();
    internal.start(views, executor);
    LOG.info("Query API and dashboard on {}", url());
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath(); // ids decoded once, where they are read
    try {
      if (!"GET".equals(exchange.getRequestMethod())) {
        HttpExchanges.error(exchange, 405, "only GET is supported");
      } else if (path.equals("/") || path.equals("/index.html")) {
        HttpExchanges.resource(exchange, DASHBOARD + "index.html");
      } else if (path.startsWith("/webjars/")) {
        HttpExchanges.resource(exchange, "META-INF/resources" + path);
      } else if (path.equals("/metrics")) {
        HttpExchanges.text(exchange, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
      } else if (path.equals("/health")) {
        health(exchange);
      } else if (path.equals("/openapi.json")) {
        HttpExchanges.resource(exchange, "io/modelmap/aggregator/api/openapi.json");
      } else if (path.startsWith("/api/")) {
        api(exchange, path);
      } else if (path.startsWith("/internal/")) {
        HttpExchanges.error(exchange, 404, "internal views are served to other aggregator instances on their own port");
      } else {
        HttpExchanges.resource(exchange, DASHBOARD + path.substring(1));
      }
    } catch (ApiError e) {
      HttpExchanges.error(exchange, e.status(), e.getMessage());
    } catch (InvalidStateStoreException e) {
      HttpExchanges.error(exchange, 503, "the aggregator is starting or rebalancing its state; retry in a few seconds");
    } catch (IllegalStateException e) {
      HttpExchanges.error(exchange, 502, e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("API request {} failed", path, e);
      HttpExchanges.error(exchange, 500, e.getClass().getSimpleName() + ": " + e.getMessage());
    } finally {
      exchange.close();
    }
  }

  /**
   * 200 while Kafka Streams runs (or rebalances) and every watched part runs, 503 otherwise: for
   * liveness and readiness probes.
   */
  private void health(HttpExchange exchange) throws IOException {
    KafkaStreams.State state = streamsState.get();
    List<String> stopped = watched.entrySet().stream().filter(part -> !part.getValue().getAsBoolean())
        .map(Map.Entry::getKey).toList();
    boolean healthy = (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING)
        && stopped.isEmpty();
    HttpExchanges.json(exchange, healthy ? 200 : 503, new HealthBody(state.name(), stopped));
  }

  /** Makes /health answer 503, naming {@code part}, once {@code running} turns false. */
  public void watch(String part, java.util.function.BooleanSupplier running) {
    watched.put(part, running);
  }

  private void api(HttpExchange exchange, String path) throws IOException {
    Map<String, String> query = HttpExchanges.query(exchange);
    if (path.equals("/api/models")) {
      HttpExchanges.json(exchange, 200, catalog.models());
    } else if (path.startsWith("/api/models/")) {
      String id = decode(path.substring("/api/models/".length()));
      Optional<ModelBody> model = catalog.model(id);
      if (model.isPresent()) {
        HttpExchanges.json(exchange, 200, model.get());
      } else {
        HttpExchanges.error(exchange, 404, "no model '" + id + "' is registered or scored; GET /api/models lists them");
      }
    } else if (path.equals("/api/map")) {
      HttpExchanges.json(exchange, 200, analyses.map(query.get("corpus")));
    } else if (path.equals("/api/kl")) {
      HttpExchanges.json(exchange, 200, analyses.kl(query.get("a"), query.get("b")));
    } else if (path.equals("/api/analytics")) {
      HttpExchanges.json(exchange, 200, analyses.analytics(query.get("corpus")));
    } else if (path.equals("/api/kl-matrix")) {
      HttpExchanges.json(exchange, 200, analyses.klMatrix(query.get("corpus"), intParameter(query, "max", 100)));
    } else if (path.startsWith("/api/predictions/")) {
      HttpExchanges.json(exchange, 200, predictions.model(decode(path.substring("/api/predictions/".length()))));
    } else if (path.equals("/api/benchmarks")) {
      HttpExchanges.json(exchange, 200, predictions.benchmarks());
    } else if (path.startsWith("/api/benchmarks/")) {
      HttpExchanges.json(exchange, 200, predictions.benchmark(decode(path.substring("/api/benchmarks/".length()))));
    } else if (path.equals("/api/embeddings")) {
      HttpExchanges.json(exchange, 200, routes.embeddings());
    } else if (path.equals("/api/route")) {
      HttpExchanges.json(exchange, 200, routes.route(query.get("question"), query.get("item"),
          intParameter(query, "max", 10)));
    } else if (path.equals("/api/response-similarity")) {
      HttpExchanges.json(exchange, 200, lineage.similarity());
    } else if (path.equals("/api/lineage")) {
      HttpExchanges.json(exchange, 200, lineage.lineage(intParameter(query, "k", 5)));
    } else if (path.equals("/api/agreement")) {
      HttpExchanges.json(exchange, 200, analyses.agreement());
    } else if (path.startsWith("/api/agreement/judge/")) {
      HttpExchanges.json(exchange, 200, analyses.judge(decode(path.substring("/api/agreement/judge/".length()))));
    } else if (path.equals("/api/events")) {
      events(exchange);
    } else {
      HttpExchanges.error(exchange, 404, "no endpoint " + path + "; see /openapi.json");
    }
  }

  /** Server-sent events: one {@code update} event per record on an output topic, and a comment every 15 s. */
  private void events(HttpExchange exchange) throws IOException {
    Optional<BlockingQueue<String>> subscription = updates.subscribe();
    if (subscription.isEmpty()) {
      HttpExchanges.error(exchange, 503, "this instance already serves " + UpdateBroadcaster.MAX_SUBSCRIBERS
          + " event streams; close a dashboard or retry later");
      return;
    }
    BlockingQueue<String> queue = subscription.get();
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      while (true) {
        String event = queue.poll(15, TimeUnit.SECONDS);
        out.write((event == null ? ": keep-alive\n\n" : "event: update\ndata: " + event + "\n\n")
            .getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException e) {
      // the client went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      updates.unsubscribe(queue);
    }
  }

  private static int intParameter(Map<String, String> query, String name, int fallback) {
    String value = query.get(name);
    try {
      return value == null ? fallback : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new ApiError(400, name + " must be a whole number, was '" + value + "'");
    }
  }

  /** A path segment holding an id, raw ({@code org/name}) or percent-encoded; {@code +} is a plus in a path. */
  static String decode(String rawSegment) {
    return URLDecoder.decode(rawSegment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    if (updates != null) {
      updates.close();
    }
    server.stop(0);
    internal.close();
    executor.shutdownNow();
  }
}
