package io.modelmap.aggregator.api;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where the query API listens, where the internal views listen (for other instances only: its own
 * port, so a network policy can keep everyone else out), and the host other instances reach it at.
 *
 * @param bind address of the public API and dashboard; port 0 for any free port
 * @param internalBind address of the internal views ({@code /internal/views/*}); port 0 for any free port
 * @param advertisedHost host name other instances use; null to advertise the internal bind address
 */
public record ApiSettings(InetSocketAddress bind, InetSocketAddress internalBind, String advertisedHost) {
  public ApiSettings {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(internalBind, "internalBind");
  }

  /** Both on loopback: the public API on {@code port}, the internal views on any free port. */
  public static ApiSettings loopback(int port) {
    return new ApiSettings(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port),
        new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), null);
  }
}
