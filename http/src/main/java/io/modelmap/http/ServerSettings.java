package io.modelmap.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a server listens, its limits, and the token its protected routes ask for.
 *
 * @param bind address and port; port 0 for any free one
 * @param limits threads, queue, timeouts and connections
 * @param token when present, every {@link Access#TOKEN} route answers 401 without it
 */
public record ServerSettings(InetSocketAddress bind, ServerLimits limits, Optional<BearerToken> token) {
  public ServerSettings {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(token, "token");
  }

  /** On {@code bind} with the default limits and no token. */
  public static ServerSettings on(InetSocketAddress bind) {
    return new ServerSettings(bind, ServerLimits.defaults(), Optional.empty());
  }

  /** On loopback, {@code port} (0 for any free one), with the default limits and no token. */
  public static ServerSettings loopback(int port) {
    return on(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
  }
}
