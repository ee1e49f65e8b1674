package io.modelmap.aggregator.api;

import io.modelmap.aggregator.support.AggregatorMetrics;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.http.HttpError;
import io.modelmap.http.HttpServer;
import io.modelmap.http.ServerSettings;
import io.modelmap.http.StreamTickets;
import io.modelmap.schemas.topic.TopicNames;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregator's HTTP API (JSON, described at {@code /openapi.json}) and dashboard on one port, and
 * its internal views on another. Binds where it is told (loopback by default); the internal address
 * is the instance's {@code application.server}. Until {@link #start} the routes answer 503.
 */
public final class QueryApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QueryApi.class);

  private final ApiSettings settings;
  private final Health health = new Health();
  private final HttpServer server;
  private final HttpServer internal;
  private volatile Answers answers;
  private volatile ViewQueries views;
  private volatile UpdateBroadcaster updates;
  private volatile EventStreams events;

  private QueryApi(ApiSettings settings) throws IOException {
    this.settings = settings;
    this.internal = HttpServer.start("internal-views", new ServerSettings(settings.internalBind(), settings.limits(),
        settings.token()), new InternalViews.Errors(), InternalViews.table(this::views));
    try {
      this.server = HttpServer.start("query-api", new ServerSettings(settings.bind(), settings.limits(),
          settings.token()), new ApiErrors(), ApiRoutes.table(this::answers, this::events, health,
          StreamTickets.of(settings.token())));
    } catch (IOException | RuntimeException e) {
      internal.close();
      throw e;
    }
  }

  /** Binds now (so the port is known before Kafka Streams starts); answers once {@link #start} is called. */
  public static QueryApi bind(ApiSettings settings) throws IOException {
    return new QueryApi(settings);
  }

  /** This instance as other instances reach it, on its internal views port: its {@code application.server}. */
  public HostInfo hostInfo() {
    InetSocketAddress bound = internal.address();
    return new HostInfo(settings.advertisedHost() != null ? settings.advertisedHost() : bound.getHostString(),
        bound.getPort());
  }

  /** Where the other instances read this one's views. */
  public String internalUrl() {
    return "http://" + hostInfo().host() + ":" + hostInfo().port() + "/";
  }

  public String url() {
    InetSocketAddress bound = server.address();
    return "http://" + (settings.advertisedHost() != null ? settings.advertisedHost() : bound.getHostString()) + ":"
        + bound.getPort() + "/";
  }

  public void start(KafkaStreams streams, KafkaConnection connection, TopicNames topics, AggregatorMetrics metrics) {
    ViewQueries queries = new ViewQueries(streams, hostInfo(), settings.token());
    ModelCatalog catalog = new ModelCatalog(queries);
    health.follow(streams::state);
    updates = new UpdateBroadcaster(connection, topics);
    Thread follower = new Thread(updates, "update-broadcaster");
    follower.setDaemon(true);
    follower.start();
    events = new EventStreams(updates, settings.events());
    views = queries;
    answers = new Answers(catalog, new Analyses(queries, catalog), new PredictionAnswers(queries),
        new RouteAnswers(queries, streams), new LineageAnswers(queries), new HubDecisionAnswers(queries), metrics);
    LOG.info("Query API and dashboard on {}", url());
  }

  /** Makes /health answer 503, naming {@code part}, once {@code running} turns false. */
  public void watch(String part, BooleanSupplier running) {
    health.watch(part, running);
  }

  private Answers answers() {
    return started(answers);
  }

  private ViewQueries views() {
    return started(views);
  }

  private EventStreams events() {
    return started(events);
  }

  private static <T> T started(T part) {
    if (part == null) {
      throw new HttpError(503, "the aggregator is starting; retry in a few seconds");
    }
    return part;
  }

  /** A path segment holding an id, raw ({@code org/name}) or percent-encoded; {@code +} is a plus in a path. */
  static String decode(String rawSegment) {
    return URLDecoder.decode(rawSegment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    if (events != null) {
      events.close();
    }
    if (updates != null) {
      updates.close();
    }
    server.close();
    internal.close();
  }
}
