package io.modelmap.aggregator.api;

import io.modelmap.http.BearerToken;
import io.modelmap.http.ServerLimits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the query API listens, where the internal views listen (for other instances only: its own
 * port, so a network policy can keep everyone else out), the host other instances reach it at, the
 * limits of both servers, and the token both ask for when one is configured.
 *
 * @param bind address of the public API and dashboard; port 0 for any free port
 * @param internalBind address of the internal views ({@code /internal/views/*}); port 0 for any free port
 * @param advertisedHost host name other instances use; null to advertise the internal bind address
 * @param limits threads, queue, timeouts and connections of each of the two servers
 * @param token when present, {@code /api/*} and the internal views answer 401 without it (instances send it to each other)
 * @param events how many event streams one address may hold, and how often an idle one is probed
 */
public record ApiSettings(InetSocketAddress bind, InetSocketAddress internalBind, String advertisedHost,
    ServerLimits limits, Optional<BearerToken> token, EventStreamLimits events) {
  public ApiSettings {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(internalBind, "internalBind");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(events, "events");
  }

  /** The default limits, no token. */
  public ApiSettings(InetSocketAddress bind, InetSocketAddress internalBind, String advertisedHost) {
    this(bind, internalBind, advertisedHost, ServerLimits.defaults(), Optional.empty(), EventStreamLimits.defaults());
  }

  /** Both on loopback: the public API on {@code port}, the internal views on any free port. */
  public static ApiSettings loopback(int port) {
    return builder().setBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
        .setInternalBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code set…} for what is required (both addresses), {@code opt…} for what has a default. */
  public static final class Builder {
    private InetSocketAddress bind;
    private InetSocketAddress internalBind;
    private String advertisedHost;
    private ServerLimits limits = ServerLimits.defaults();
    private Optional<BearerToken> token = Optional.empty();
    private EventStreamLimits events = EventStreamLimits.defaults();

    private Builder() {}

    public Builder setBind(InetSocketAddress bind) {
      this.bind = bind;
      return this;
    }

    public Builder setInternalBind(InetSocketAddress internalBind) {
      this.internalBind = internalBind;
      return this;
    }

    public Builder optAdvertisedHost(String advertisedHost) {
      this.advertisedHost = advertisedHost;
      return this;
    }

    public Builder optLimits(ServerLimits limits) {
      this.limits = limits;
      return this;
    }

    public Builder optToken(BearerToken token) {
      this.token = Optional.of(token);
      return this;
    }

    public Builder optEvents(EventStreamLimits events) {
      this.events = events;
      return this;
    }

    public ApiSettings build() {
      return new ApiSettings(bind, internalBind, advertisedHost, limits, token, events);
    }
  }
}
