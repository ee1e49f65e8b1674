package io.modelmap.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.EndpointNotFound;
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

  void register(RoutesConfig routes) {
    routes.exception(HttpError.class, (e, ctx) -> write(ctx, e.status(), e.getMessage()));
    routes.exception(EndpointNotFound.class, (e, ctx) -> write(ctx, 404, style.notFound(ctx.path())));
    routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, e.getStatus(), firstLine(e.getMessage())));
    routes.exception(Exception.class, (e, ctx) -> {
      LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
      write(ctx, 500, "the server failed to answer (" + e.getClass().getSimpleName() + "); its log says why");
    });
  }

  private void write(Context ctx, int status, String message) {
    if (ctx.res().isCommitted()) {
      return; // an event stream that failed midway: its client sees the stream end
    }
    ctx.status(status).json(style.body(status, message));
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
