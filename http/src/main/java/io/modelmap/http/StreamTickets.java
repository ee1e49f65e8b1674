package io.modelmap.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tickets for {@link Access#TOKEN} streams ({@link RouteTable#stream}): a browser's {@code EventSource}
 * cannot send an {@code Authorization} header, so a page asks for a ticket with the header (a route that
 * answers {@link #issue}) and opens the stream with {@code ?ticket=...}. A ticket is good for one path, for {@link
 * #LIFETIME}, once on this instance, and says nothing of the token: the long-lived token never goes into a
 * URL (URLs end up in access logs and browser history). Tickets are signed (HMAC-SHA256) with a key
 * derived from the token, so every instance sharing the token accepts the tickets of the others.
 */
public final class StreamTickets {
  /** How long a ticket may wait before the stream it opens; an open stream outlives its ticket. */
  public static final Duration LIFETIME = Duration.ofSeconds(60);
  private static final String ALGORITHM = "HmacSHA256";
  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final Clock clock;
  /** Nonces of tickets used on this instance, until they expire: a ticket opens one stream. */
  private final Map<String, Long> used = new ConcurrentHashMap<>();

  /** What a page gets: the ticket, and how long it has to use it. */
  public record Ticket(String ticket, long expiresInSeconds) {
  }

  /** Tickets signed with a key derived from {@code token}, expiring by {@code clock}. */
  public StreamTickets(BearerToken token, Clock clock) {
    this(mac(new SecretKeySpec(token.value().getBytes(StandardCharsets.UTF_8), ALGORITHM),
        "modelmap stream ticket key v1"), clock);
  }

  private StreamTickets(byte[] key, Clock clock) {
    this.key = new SecretKeySpec(key, ALGORITHM);
    this.clock = clock;
  }

  /** The tickets of a server with {@code token}; without one, tickets of a random key (nothing checks them then). */
  public static StreamTickets of(Optional<BearerToken> token) {
    if (token.isPresent()) {
      return new StreamTickets(token.get(), Clock.systemUTC());
    }
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return new StreamTickets(key, Clock.systemUTC());
  }

  /** A ticket for one stream on {@code path}. */
  public Ticket issue(String path) {
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    long expires = clock.instant().plus(LIFETIME).getEpochSecond();
    String body = expires + "." + BASE64.encodeToString(nonce);
    return new Ticket(body + "." + BASE64.encodeToString(mac(key, path + "\n" + body)), LIFETIME.toSeconds());
  }

  /**
   * Whether {@code ticket} was issued by an instance with this token for {@code path}, has not expired and
   * was not used here before; a ticket admitted once is used up.
   */
  public boolean admit(String ticket, String path) {
    if (ticket == null) {
      return false;
    }
    int signature = ticket.lastIndexOf('.');
    int dot = ticket.indexOf('.');
    if (dot <= 0 || signature <= dot) {
      return false;
    }
    String body = ticket.substring(0, signature);
    byte[] expected = BASE64.encodeToString(mac(key, path + "\n" + body)).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, ticket.substring(signature + 1).getBytes(StandardCharsets.US_ASCII))) {
      return false;
    }
    long expires;
    try {
      expires = Long.parseLong(ticket.substring(0, dot));
    } catch (NumberFormatException e) {
      return false;
    }
    long now = clock.instant().getEpochSecond();
    if (now >= expires) {
      return false;
    }
    used.values().removeIf(until -> until <= now); // forget what can no longer be replayed anyway
    return used.putIfAbsent(body, expires) == null;
  }

  private static byte[] mac(SecretKeySpec key, String text) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
