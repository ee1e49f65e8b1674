package io.modelmap.hub;

import java.util.Objects;

/**
 * How one file of a snapshot was obtained.
 *
 * @param path the file's path in the repository (and in the snapshot folder)
 * @param downloaded whether its bytes came over the network now (false: already in the cache)
 * @param bytes bytes transferred now (0 from the cache)
 * @param millis time spent transferring and checking them (0 from the cache)
 */
public record FileFetch(String path, boolean downloaded, long bytes, long millis) {
  public FileFetch {
    Objects.requireNonNull(path, "path");
    if (bytes < 0 || millis < 0) {
      throw new IllegalArgumentException("bytes and millis must not be negative");
    }
  }

  static FileFetch cached(String path) {
    return new FileFetch(path, false, 0, 0);
  }
}
