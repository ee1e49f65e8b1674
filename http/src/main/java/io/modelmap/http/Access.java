package io.modelmap.http;

import io.javalin.security.RouteRole;

/** Who may call a route: anyone who reaches the port, or only a client with the server's bearer token. */
public enum Access implements RouteRole {
  /** Probes, scrapes and the dashboard's files: answered without a token. */
  OPEN,
  /** Data: answered 401 without the token when the server has one, like {@link #OPEN} when it has none. */
  TOKEN
}
