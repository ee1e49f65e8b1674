package io.modelmap.aggregator.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelmap.aggregator.AggregatorConfig;
import io.modelmap.aggregator.AggregatorMetrics;
import io.modelmap.math.KlDivergence;
import io.modelmap.math.agreement.JudgeInflation;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
  private final String advertisedHost;
  private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "query-api");
    thread.setDaemon(true);
    return thread;
  });
  private ViewQueries views;
  private ModelCatalog catalog;
  private UpdateBroadcaster updates;
  private AggregatorMetrics metrics;
  private java.util.function.Supplier<KafkaStreams.State> streamsState;

  private QueryApi(HttpServer server, String advertisedHost) {
    this.server = server;
    this.advertisedHost = advertisedHost;
  }

  /** Binds now (so the port is known before Kafka Streams starts); serves once {@link #start} is called. */
  public static QueryApi bind(ApiSettings settings) throws IOException {
    return new QueryApi(HttpServer.create(settings.bind(), 0), settings.advertisedHost());
  }

  /** This instance as other instances reach it: its {@code application.server}. */
  public HostInfo hostInfo() {
    InetSocketAddress bound = server.getAddress();
    return new HostInfo(advertisedHost != null ? advertisedHost : bound.getHostString(), bound.getPort());
  }

  public String url() {
    return "http://" + hostInfo().host() + ":" + hostInfo().port() + "/";
  }

  public void start(KafkaStreams streams, AggregatorConfig config, AggregatorMetrics metrics) {
    this.metrics = metrics;
    views = new ViewQueries(streams, hostInfo());
    streamsState = streams::state;
    catalog = new ModelCatalog(views);
    updates = new UpdateBroadcaster(config);
    Thread follower = new Thread(updates, "update-broadcaster");
    follower.setDaemon(true);
    follower.start();
    server.setExecutor(executor);
    server.createContext("/", this::route);
    server.start();
    LOG.info("Query API and dashboard on {}", url());
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
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
      } else if (path.startsWith("/api/") || path.startsWith("/internal/")) {
        api(exchange, path);
      } else {
        HttpExchanges.resource(exchange, DASHBOARD + path.substring(1));
      }
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

  /** 200 while Kafka Streams runs (or rebalances), 503 otherwise: for liveness and readiness probes. */
  private void health(HttpExchange exchange) throws IOException {
    KafkaStreams.State state = streamsState.get();
    boolean healthy = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
    HttpExchanges.json(exchange, healthy ? 200 : 503, Map.of("state", state.name()));
  }

  private void api(HttpExchange exchange, String path) throws IOException {
    Map<String, String> query = HttpExchanges.query(exchange);
    if (path.equals("/api/models")) {
      HttpExchanges.json(exchange, 200, catalog.models());
    } else if (path.startsWith("/api/models/")) {
      String id = decode(path.substring("/api/models/".length()));
      Optional<Map<String, Object>> model = catalog.model(id);
      if (model.isPresent()) {
        HttpExchanges.json(exchange, 200, model.get());
      } else {
        HttpExchanges.error(exchange, 404, "no model '" + id + "' is registered or scored; GET /api/models lists them");
      }
    } else if (path.equals("/api/map")) {
      map(exchange, query.get("corpus"));
    } else if (path.equals("/api/kl")) {
      kl(exchange, query.get("a"), query.get("b"));
    } else if (path.equals("/api/agreement")) {
      HttpExchanges.json(exchange, 200, views.all(Views.AGREEMENT));
    } else if (path.startsWith("/api/agreement/judge/")) {
      judge(exchange, decode(path.substring("/api/agreement/judge/".length())));
    } else if (path.equals("/api/events")) {
      events(exchange);
    } else if (path.startsWith("/internal/views/")) {
      internal(exchange, path.substring("/internal/views/".length()), query.get("key"));
    } else {
      HttpExchanges.error(exchange, 404, "no endpoint " + path + "; see /openapi.json");
    }
  }

  private void map(HttpExchange exchange, String corpus) throws IOException {
    List<Map<String, Object>> frames = new ArrayList<>(views.all(Views.FRAMES));
    frames.removeIf(f -> corpus != null && !corpus.equals(f.get("corpusId")));
    if (frames.isEmpty()) {
      HttpExchanges.error(exchange, 404, corpus == null ? "no model is complete yet, so there is no map"
          : "no map for corpus '" + corpus + "'");
      return;
    }
    Map<String, Map<String, Object>> models = new LinkedHashMap<>();
    catalog.models().forEach(m -> models.put((String) m.get("modelId"), m));
    List<Map<String, Object>> maps = new ArrayList<>();
    for (Map<String, Object> frame : frames) {
      List<Map<String, Object>> points = new ArrayList<>();
      for (Object p : (List<?>) frame.get("positions")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> point = new LinkedHashMap<>((Map<String, Object>) p);
        Map<String, Object> model = models.getOrDefault((String) point.get("modelId"), Map.of());
        for (String field : List.of("family", "modelType", "meanLogLikelihood", "accuracy")) {
          point.put(field, model.get(field));
        }
        points.add(point);
      }
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("corpusId", frame.get("corpusId"));
      map.put("modelCount", frame.get("modelCount"));
      map.put("mapMethod", frame.get("mapMethod"));
      map.put("meanTextBytes", frame.get("meanTextBytes"));
      map.put("points", points);
      maps.add(map);
    }
    HttpExchanges.json(exchange, 200, corpus != null || maps.size() == 1 ? maps.get(0) : maps);
  }

  private void kl(HttpExchange exchange, String a, String b) throws IOException {
    if (a == null || b == null) {
      HttpExchanges.error(exchange, 400, "pass both models: /api/kl?a=MODEL&b=MODEL");
      return;
    }
    Optional<Map<String, Object>> rowA = views.get(Views.COORDINATES, a);
    Optional<Map<String, Object>> rowB = views.get(Views.COORDINATES, b);
    if (rowA.isEmpty() || rowB.isEmpty()) {
      HttpExchanges.error(exchange, 404, "no scores for model '" + (rowA.isEmpty() ? a : b) + "'");
      return;
    }
    if (!Boolean.TRUE.equals(rowA.get().get("complete")) || !Boolean.TRUE.equals(rowB.get().get("complete"))) {
      HttpExchanges.error(exchange, 409, "both models must be completely scored; see /api/models/{id} for progress"
          + " and its provisional neighbours");
      return;
    }
    if (!rowA.get().get("corpusId").equals(rowB.get().get("corpusId"))) {
      HttpExchanges.error(exchange, 409, "the models were scored on different corpora");
      return;
    }
    double klNats = KlDivergence.fromCoordinates(doubles(rowA.get().get("xi")), doubles(rowB.get().get("xi")));
    double meanBytes = views.get(Views.FRAMES, (String) rowA.get().get("corpusId"))
        .map(f -> ((Number) f.get("meanTextBytes")).doubleValue()).orElse(Double.NaN);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("a", a);
    body.put("b", b);
    body.put("corpusId", rowA.get().get("corpusId"));
    body.put("klNats", klNats);
    body.put("klBitsPerByte", KlDivergence.toBitsPerByte(klNats, meanBytes));
    HttpExchanges.json(exchange, 200, body);
  }

  private void judge(HttpExchange exchange, String judge) throws IOException {
    if (views.get(Views.ACCURACY, judge).isEmpty()) {
      HttpExchanges.error(exchange, 404, "no answers of model '" + judge + "' have been aggregated");
      return;
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> pair : views.all(Views.AGREEMENT)) {
      boolean first = judge.equals(pair.get("modelA"));
      if (first || judge.equals(pair.get("modelB"))) {
        JudgeInflation j = JudgeInflation.of(number(pair.get("items")), number(pair.get("same")),
            number(pair.get(first ? "correctB" : "correctA")));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("modelId", pair.get(first ? "modelB" : "modelA"));
        row.put("items", j.items());
        row.put("trueAccuracy", j.trueAccuracy());
        row.put("judgedAccuracy", j.judgedAccuracy());
        row.put("inflation", j.inflation());
        rows.add(row);
      }
    }
    rows.sort((x, y) -> ((String) x.get("modelId")).compareTo((String) y.get("modelId")));
    HttpExchanges.json(exchange, 200, Map.of("judge", judge, "models", rows));
  }

  /** Server-sent events: one {@code update} event per record on an output topic, and a comment every 15 s. */
  private void events(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(200, 0);
    BlockingQueue<String> queue = updates.subscribe();
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

  private void internal(HttpExchange exchange, String view, String key) throws IOException {
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
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static long number(Object value) {
    return ((Number) value).longValue();
  }

  private static double[] doubles(Object list) {
    List<?> values = (List<?>) list;
    double[] array = new double[values.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = ((Number) values.get(i)).doubleValue();
    }
    return array;
  }

  @Override
  public void close() {
    if (updates != null) {
      updates.close();
    }
    server.stop(0);
    executor.shutdownNow();
  }
}
