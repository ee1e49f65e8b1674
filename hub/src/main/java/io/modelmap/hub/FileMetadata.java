package io.modelmap.hub;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a {@code HEAD} on {@code /{repo}/resolve/{commit}/{path}} says of a file (file_download.py
 * {@code get_hf_file_metadata}).
 *
 * @param commit {@code X-Repo-Commit}, when given
 * @param etag {@code X-Linked-Etag} (an LFS file's sha256) or else {@code ETag} (a small file's git blob
 *     sha1), quotes and {@code W/} removed ({@code _normalize_etag})
 * @param size {@code X-Linked-Size} or else {@code Content-Length}
 * @param location where to GET the bytes: the absolute redirect's target (a CDN) or the resolve URL itself
 */
record FileMetadata(Optional<String> commit, String etag, OptionalLong size, URI location) {

  static FileMetadata from(HttpHeaders headers, URI requested, int status) {
    String etag = headers.firstValue("X-Linked-Etag").or(() -> headers.firstValue("ETag")).map(FileMetadata::normalize)
        .orElse("");
    OptionalLong size = size(headers, "X-Linked-Size", requested);
    if (size.isEmpty()) {
      size = size(headers, "Content-Length", requested);
    }
    URI location = status >= 300 && status < 400
        ? headers.firstValue("Location").map(requested::resolve).orElse(requested) : requested;
    return new FileMetadata(headers.firstValue("X-Repo-Commit"), etag, size, location);
  }

  /** The header as a byte count; a value that is not one is the Hub's (or a proxy's) mistake, said in one line. */
  private static OptionalLong size(HttpHeaders headers, String name, URI requested) {
    Optional<String> value = headers.firstValue(name);
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      long size = Long.parseLong(value.get().strip());
      if (size >= 0) {
        return OptionalLong.of(size);
      }
    } catch (NumberFormatException e) {
      // answered below, with the header's name and value
    }
    throw new HubException(HubException.Kind.PROTOCOL, requested + " answered " + name + ": '" + value.get()
        + "', which is not a byte count");
  }

  /** {@code _normalize_etag}: {@code W/"abc"} and {@code "abc"} both become {@code abc}. */
  static String normalize(String etag) {
    String value = etag.strip();
    if (value.startsWith("W/")) {
      value = value.substring(2);
    }
    return value.replace("\"", "");
  }
}
