package io.modelmap.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * One HTTP server (Javalin on Jetty 12) serving a {@link RouteTable} under {@link ServerSettings}: at
 * most {@link ServerLimits#threads()} requests at once on a bounded pool, a bounded number waiting
 * without a thread for a bounded time (Jetty's {@link QoSHandler}), the read deadline and idle timeout,
 * the connection cap, the bearer token on {@link Access#TOKEN} routes, and errors as one JSON line.
 * Event streams hold no thread: they are asynchronous requests, outside the request count.
 */
public final class HttpServer implements AutoCloseable {
  /** Connections the kernel completes before the acceptor takes them: a burst waits here, not in SYN retries. */
  private static final int ACCEPT_QUEUE = 512;
  private final Javalin app;
  private final ServerConnector connector;

  private HttpServer(Javalin app, ServerConnector connector) {
    this.app = app;
    this.connector = connector;
  }

  /**
   * Binds and serves at once.
   *
   * @param name names the threads ({@code name-http-N}) and appears in logs
   * @throws BindException when the address is taken or cannot be bound (callers fall back to another port)
   */
  public static HttpServer start(String name, ServerSettings settings, ErrorStyle errors, RouteTable table)
      throws BindException {
    ServerLimits limits = settings.limits();
    // the pool's queue stays unbounded, as Jetty wants for its own tasks; requests are bounded by the QoSHandler
    QueuedThreadPool threads = new QueuedThreadPool(limits.poolThreads(), 2, 60_000, 0, null, null);
    threads.setName(name + "-http");
    threads.setDaemon(true); // as the JDK server's were: an unclosed server never keeps a JVM alive
    Server server = new Server(threads, new ScheduledExecutorScheduler(name + "-http-timer", true), null);
    server.addBean(new NetworkConnectionLimit(limits.maxConnections(), server));
    server.setErrorHandler(new JsonErrorPages(errors));
    server.setHandler(requestLimit(limits, table)); // Javalin's servlet context goes inside it
    ServerConnector[] connector = new ServerConnector[1];
    Javalin app = Javalin.create(config -> {
      configure(config, server, errors, table, settings);
      config.jetty.addConnector((jetty, http) -> {
        connector[0] = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
        connector[0].setHost(settings.bind().getHostString());
        connector[0].setPort(settings.bind().getPort());
        connector[0].setIdleTimeout(limits.idleTimeout().toMillis());
        connector[0].setAcceptQueueSize(ACCEPT_QUEUE);
        connector[0].addEventListener(new ReadDeadline(jetty.getScheduler(), limits.readTimeout()));
        return connector[0];
      });
    });
    try {
      app.start();
    } catch (RuntimeException e) {
      app.stop();
      throw bindFailure(e, settings.bind()).orElseThrow(() -> e);
    }
    return new HttpServer(app, connector[0]);
  }

  /** Javalin wraps Jetty's bind failure in its own exception: the JDK's, as the JDK server threw it. */
  private static Optional<BindException> bindFailure(Throwable failure, InetSocketAddress bind) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException bindException) {
        BindException plain = new BindException("cannot bind " + bind + ": " + bindException.getMessage());
        plain.initCause(failure);
        return Optional.of(plain);
      }
    }
    return Optional.empty();
  }

  /** At most {@code threads} requests at once, {@code queuedRequests} suspended for their turn, event streams apart. */
  private static QoSHandler requestLimit(ServerLimits limits, RouteTable table) {
    QoSHandler qos = new QoSHandler();
    qos.setMaxRequestCount(limits.threads());
    qos.setMaxSuspendedRequestCount(limits.queuedRequests());
    qos.setMaxSuspend(limits.queueTimeout());
    table.routes().stream().filter(RouteTable.Route::stream).forEach(route -> qos.excludePath(route.path()));
    return qos;
  }

  private static void configure(JavalinConfig config, Server server, ErrorStyle errors, RouteTable table,
      ServerSettings settings) {
    config.unsafe.jettyInternal.server = server;
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.startup.startupWatcherEnabled = false;
    config.http.prefer405over404 = true;
    config.jsonMapper(new JavalinJackson(new ObjectMapper(), false));
    config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
    for (RouteTable.Files files : table.files()) {
      config.staticFiles.add(folder -> {
        folder.hostedPath = files.hostedPath();
        folder.directory = files.classpathFolder();
        folder.location = Location.CLASSPATH;
        folder.headers = Map.of("Cache-Control", "no-store");
      });
    }
    new ErrorMapping(errors).register(config.routes, table.answers());
    config.routes.before(ctx -> ctx.header("Cache-Control", "no-store"));
    config.routes.beforeMatched(new TokenCheck(settings.token(), table.routes().stream().filter(RouteTable.Route::stream)
        .map(RouteTable.Route::path).collect(java.util.stream.Collectors.toSet())));
    for (RouteTable.Route route : table.routes()) {
      config.routes.addHttpHandler(route.method(), route.path(), route.handler(), route.access());
    }
  }

  /** The bound address (the actual port when the settings asked for 0). */
  public InetSocketAddress address() {
    return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
  }

  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    app.stop();
  }
}
