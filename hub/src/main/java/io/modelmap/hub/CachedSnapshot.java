package io.modelmap.hub;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A revision's snapshot as the cache already holds it, found without network (what {@code snapshot_download}
 * does offline): the commit from {@code refs/<revision>} or the commit folder itself, and the snapshot's
 * files a scorer needs, provided they include a config and weights.
 */
final class CachedSnapshot {
  private CachedSnapshot() {
  }

  static Optional<HubSnapshot> find(HubCache cache, HubModelId id) {
    Optional<String> commit = cache.knownCommit(id);
    if (commit.isEmpty()) {
      return Optional.empty();
    }
    Path folder = cache.snapshot(id, commit.get());
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        if (Files.isRegularFile(entry)) { // follows the link: a dangling one does not count
          names.add(entry.getFileName().toString());
        }
      }
    } catch (IOException e) {
      throw new HubException(HubException.Kind.CACHE, "cannot read " + folder + ": " + Retrying.describe(e), e);
    }
    List<String> selected = FileSelection.select(names.stream().sorted().toList());
    if (!selected.contains("config.json") || selected.stream().noneMatch(FileSelection::isWeights)) {
      return Optional.empty();
    }
    return Optional.of(new HubSnapshot(id, commit.get(), folder, selected.stream().map(FileFetch::cached).toList()));
  }
}
