package io.modelmap.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;

/** Before a {@link Access#TOKEN} route runs: 401 unless the request carries the server's bearer token. */
final class TokenCheck implements Handler {
  private final Optional<BearerToken> token;

  TokenCheck(Optional<BearerToken> token) {
    this.token = token;
  }

  @Override
  public void handle(Context ctx) {
    if (token.isEmpty() || !ctx.routeRoles().contains(Access.TOKEN)) {
      return;
    }
    if (!token.get().admits(ctx.header("Authorization"))) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"modelmap\"");
      throw new HttpError(401, "this server asks for its API token: send Authorization: Bearer <token>");
    }
  }
}
