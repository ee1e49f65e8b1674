package io.modelmap.aggregator.api;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where the query API listens, and the host other instances reach it at (its {@code application.server}).
 *
 * @param bind address to bind; port 0 for any free port
 * @param advertisedHost host name other instances use; null to advertise the bind address
 */
public record ApiSettings(InetSocketAddress bind, String advertisedHost) {
  public ApiSettings {
    Objects.requireNonNull(bind, "bind");
  }

  public static ApiSettings loopback(int port) {
    return new ApiSettings(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), null);
  }
}
