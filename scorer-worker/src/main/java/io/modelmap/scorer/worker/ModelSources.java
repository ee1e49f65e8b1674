package io.modelmap.scorer.worker;

import java.nio.file.Path;
import java.util.List;

/** Resolves a model's source URI to a folder under the configured roots, refusing anything outside them. */
final class ModelSources {
  private ModelSources() {}

  static Path resolve(String sourceUri, List<Path> roots) {
    String path = sourceUri.startsWith("file:") ? sourceUri.substring("file:".length()) : sourceUri;
    if (sourceUri.contains("://") && !sourceUri.startsWith("file:")) {
      throw new IllegalArgumentException("source " + sourceUri + " is not a local path; only file: sources are supported");
    }
    Path resolved = Path.of(path).toAbsolutePath().normalize();
    if (roots.stream().noneMatch(resolved::startsWith)) {
      throw new IllegalArgumentException("source " + sourceUri + " lies outside the model roots " + roots);
    }
    return resolved;
  }
}
