package io.modelmap.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.EndpointNotFound;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whatever a handler throws into one JSON line in the server's {@link ErrorStyle}: an
 * {@link HttpError} with its status and message, Javalin's own refusals (404, 405, 413, …) with
 * theirs, anything else as a 500 whose stack goes to the log and never to the client.
 */
final class ErrorMapping {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);
  private final ErrorStyle style;

  ErrorMapping(ErrorStyle style) {
    this.style = style;
  }

  void register(RoutesConfig routes, List<RouteTable.Answer<?>> answers) {
    routes.exception(HttpError.class, (e, ctx) -> write(ctx, e.status(), e.getMessage()));
    answers.forEach(answer -> register(routes, answer));
    routes.exception(EndpointNotFound.class, (e, ctx) -> write(ctx, 404, style.notFound(ctx.path())));
    routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, e.getStatus(), firstLine(e.getMessage())));
    routes.exception(Exception.class, (e, ctx) -> {
      LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
      write(ctx, 500, "the server failed to answer (" + e.getClass().getSimpleName() + "); its log says why");
    });
  }

  private <E extends Exception> void register(RoutesConfig routes, RouteTable.Answer<E> answer) {
    routes.exception(answer.type(), (e, ctx) -> {
      HttpError error = answer.as().apply(e);
      write(ctx, error.status(), error.getMessage());
    });
  }

  private void write(Context ctx, int status, String message) {
    try {
      if (ctx.res().isCommitted()) {
        return; // an event stream that failed midway: its client sees the stream end
      }
      ctx.status(status).json(style.body(status, message));
    } catch (RuntimeException e) {
      // the response is gone (client left, server stopping); throwing here would make Javalin retry for ever
      LOG.debug("cannot answer {} {} with {}", ctx.method(), ctx.path(), status, e);
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
