package io.modelmap.hub;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A model ready to load: the snapshot folder of its commit and how each file got there.
 *
 * @param id the model as asked for
 * @param commit the commit its revision resolved to
 * @param folder {@code snapshots/<commit>} in the cache
 * @param files each selected file, from the cache or downloaded now
 */
public record HubSnapshot(HubModelId id, String commit, Path folder, List<FileFetch> files) {
  public HubSnapshot {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(folder, "folder");
    files = List.copyOf(files);
  }

  /** Paths of the files that were already in the cache. */
  public List<String> cached() {
    return files.stream().filter(f -> !f.downloaded()).map(FileFetch::path).toList();
  }

  /** Paths of the files downloaded now. */
  public List<String> downloaded() {
    return files.stream().filter(FileFetch::downloaded).map(FileFetch::path).toList();
  }

  /** Bytes downloaded now, all files together. */
  public long downloadedBytes() {
    return files.stream().mapToLong(FileFetch::bytes).sum();
  }

  /** Milliseconds spent downloading, all files together. */
  public long downloadMillis() {
    return files.stream().mapToLong(FileFetch::millis).sum();
  }
}
