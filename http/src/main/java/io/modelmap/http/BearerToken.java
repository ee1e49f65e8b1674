package io.modelmap.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The shared secret a client presents as {@code Authorization: Bearer <token>}. Never printed: its
 * {@link #toString} hides the value, so settings can be logged.
 *
 * @param value at least 16 characters of RFC 6750 token characters
 */
public record BearerToken(String value) {
  static final int MIN_LENGTH = 16;
  private static final String PREFIX = "Bearer ";

  public BearerToken {
    Objects.requireNonNull(value, "value");
    if (value.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("a bearer token needs at least " + MIN_LENGTH + " characters, this one has "
          + value.length());
    }
    if (!value.matches("[A-Za-z0-9\\-._~+/]+=*")) {
      throw new IllegalArgumentException("a bearer token holds only letters, digits and -._~+/ (then any =)");
    }
  }

  /** The token in a file (a mounted Secret), without its surrounding whitespace and final newline. */
  public static BearerToken fromFile(Path file) {
    try {
      return new BearerToken(Files.readString(file, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the API token file " + file, e);
    }
  }

  /** Whether an {@code Authorization} header carries this token; compared in constant time. */
  public boolean admits(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    byte[] given = authorization.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, value.getBytes(StandardCharsets.UTF_8));
  }

  /** The header value a client sends. */
  public String authorization() {
    return PREFIX + value;
  }

  @Override
  public String toString() {
    return "BearerToken[hidden]";
  }
}
