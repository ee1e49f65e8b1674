package io.modelmap.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;
import java.util.Set;

/**
 * Before a {@link Access#TOKEN} route runs: 401 unless the request carries the server's bearer token. A
 * {@code TOKEN} stream (a browser's {@code EventSource}, which cannot send headers) also admits an unused,
 * unexpired ticket for its path in {@code ?ticket=} ({@link StreamTickets}, keyed by the same token).
 */
final class TokenCheck implements Handler {
  private final Optional<BearerToken> token;
  private final StreamTickets tickets;
  private final Set<String> streams;

  /** @param streams the paths of the streams (fixed paths: a stream takes no path parameter) */
  TokenCheck(Optional<BearerToken> token, Set<String> streams) {
    this.token = token;
    this.tickets = StreamTickets.of(token);
    this.streams = Set.copyOf(streams);
  }

  @Override
  public void handle(Context ctx) {
    if (token.isEmpty() || !ctx.routeRoles().contains(Access.TOKEN)) {
      return;
    }
    if (token.get().admits(ctx.header("Authorization"))) {
      return;
    }
    boolean stream = streams.contains(ctx.path());
    if (stream && tickets.admit(ctx.queryParam("ticket"), ctx.path())) {
      return;
    }
    ctx.header("WWW-Authenticate", "Bearer realm=\"modelmap\"");
    throw new HttpError(401, stream
        ? "this stream asks for the API token, or a ticket from GET " + ctx.path() + "/ticket sent with the token"
        : "this server asks for its API token: send Authorization: Bearer <token>");
  }
}
