package io.modelmap.aggregator.api;

import io.javalin.http.Context;
import io.modelmap.aggregator.api.body.ErrorBody;
import io.modelmap.http.Access;
import io.modelmap.http.ErrorStyle;
import io.modelmap.http.HttpError;
import io.modelmap.http.RouteTable;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * This instance's part of the views, for the other aggregator instances only ({@code ViewQueries}
 * asks here for keys and lists it does not hold). It listens on a port of its own, never the public
 * API's, so that a network policy (the Helm chart's) admits only aggregator pods to it; with a token
 * configured, it asks for it as the API does (the instances share it).
 */
final class InternalViews {
  static final String PREFIX = "/internal/views/";

  private InternalViews() {}

  static RouteTable table(Supplier<ViewQueries> views) {
    return new RouteTable()
        .answer(InvalidStateStoreException.class,
            e -> new HttpError(503, "this instance is restoring or rebalancing its state"))
        .get(PREFIX + "{view}", Access.TOKEN, ctx -> serve(ctx, views.get()));
  }

  private static void serve(Context ctx, ViewQueries views) {
    String name = ctx.pathParam("view");
    String key = ctx.queryParam("key");
    View<?> view = Views.named(name).orElseThrow(() -> new HttpError(404, "no view " + name));
    byte[] json = key == null ? ViewWire.all(views.localAll(view)) : ViewWire.one(views.localGet(view, key)
        .orElseThrow(() -> new HttpError(404, "no key " + key + " in " + name)));
    ctx.contentType("application/json").result(json);
  }

  /** Errors as the API writes them; any other path is not served here. */
  static final class Errors implements ErrorStyle {
    @Override
    public Object body(int status, String message) {
      return new ErrorBody(message);
    }

    @Override
    public String notFound(String path) {
      return "this port serves only GET " + PREFIX + "{view}[?key=]";
    }
  }
}
