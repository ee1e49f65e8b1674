package io.modelmap.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Every route of one server in one place: method, path, who may call it, and the handler; and the
 * classpath folders it serves files from. The server registers exactly this table, and tests read it
 * (the aggregator's is checked against its {@code openapi.json}).
 */
public final class RouteTable {
  private final List<Route> routes = new ArrayList<>();
  private final List<Files> files = new ArrayList<>();
  private final List<Answer<?>> answers = new ArrayList<>();

  /**
   * One route. Paths use Javalin's syntax: {@code {name}} is one segment, {@code <name>} may hold
   * slashes (model ids like {@code org/name}).
   */
  public record Route(HandlerType method, String path, Access access, Handler handler, boolean stream) {
    public Route {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(access, "access");
      Objects.requireNonNull(handler, "handler");
      if (path == null || !path.startsWith("/")) {
        throw new IllegalArgumentException("a route's path starts with '/', was " + path);
      }
    }

    /** The path as OpenAPI writes it: {@code <id>} and {@code {id}} both become {@code {id}}. */
    public String openApiPath() {
      return path.replace('<', '{').replace('>', '}');
    }
  }

  /** Files of a classpath folder served under a path; they are read by anyone who reaches the port. */
  public record Files(String hostedPath, String classpathFolder) {
    public Files {
      Objects.requireNonNull(hostedPath, "hostedPath");
      Objects.requireNonNull(classpathFolder, "classpathFolder");
    }
  }

  /**
   * What an exception of the server's own domain means to a client (a store still restoring: 503),
   * beside the {@link HttpError}s handlers throw.
   */
  public record Answer<E extends Exception>(Class<E> type, Function<? super E, HttpError> as) {
    public Answer {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(as, "as");
    }
  }

  public RouteTable get(String path, Access access, Handler handler) {
    routes.add(new Route(HandlerType.GET, path, access, handler, false));
    return this;
  }

  public RouteTable post(String path, Access access, Handler handler) {
    routes.add(new Route(HandlerType.POST, path, access, handler, false));
    return this;
  }

  /**
   * A long-lived GET (an event stream) that answers asynchronously and holds no thread: it is not
   * counted among the requests handled at once, and caps its clients itself. A {@link Access#TOKEN}
   * stream also admits a {@link StreamTickets} ticket for its path in {@code ?ticket=}, for browsers,
   * whose {@code EventSource} sends no header.
   */
  public RouteTable stream(String path, Access access, Handler handler) {
    routes.add(new Route(HandlerType.GET, path, access, handler, true));
    return this;
  }

  /** Serves the files of {@code classpathFolder} under {@code hostedPath} ({@code index.html} for a folder). */
  public RouteTable files(String hostedPath, String classpathFolder) {
    files.add(new Files(hostedPath, classpathFolder));
    return this;
  }

  /** Answers {@code type} as {@code as} says, wherever a handler throws it. */
  public <E extends Exception> RouteTable answer(Class<E> type, Function<? super E, HttpError> as) {
    answers.add(new Answer<>(type, as));
    return this;
  }

  public List<Route> routes() {
    return List.copyOf(routes);
  }

  public List<Files> files() {
    return List.copyOf(files);
  }

  public List<Answer<?>> answers() {
    return List.copyOf(answers);
  }
}
