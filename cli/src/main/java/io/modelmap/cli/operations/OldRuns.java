package io.modelmap.cli.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The run folders under a data root ({@code .modelmap/demo-…}, {@code map-…}: one per run of {@code demo},
 * {@code map} or {@code import --embedded}), newest first by the last time anything in them changed, and which
 * of them to remove to keep the newest {@code keep}.
 */
final class OldRuns {
  /** One run folder: its path, when it last changed and its size in bytes. */
  record Run(Path folder, FileTime lastChanged, long bytes) {}

  private OldRuns() {}

  /** Every folder directly under {@code root}, newest first; none when there is no root. */
  static List<Run> under(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<Run> runs = new ArrayList<>();
    try (Stream<Path> children = Files.list(root)) {
      for (Path child : children.filter(Files::isDirectory).toList()) {
        runs.add(measure(child));
      }
    }
    runs.sort(Comparator.comparing(Run::lastChanged).reversed().thenComparing(Run::folder));
    return runs;
  }

  /** The runs beyond the newest {@code keep}. */
  static List<Run> beyond(List<Run> newestFirst, int keep) {
    return newestFirst.subList(Math.min(keep, newestFirst.size()), newestFirst.size());
  }

  /** Removes a run folder and everything in it. */
  static void remove(Run run) throws IOException {
    try (Stream<Path> paths = Files.walk(run.folder())) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static Run measure(Path folder) throws IOException {
    FileTime[] latest = {Files.getLastModifiedTime(folder)};
    long[] bytes = {0};
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.forEach(path -> {
        try {
          FileTime changed = Files.getLastModifiedTime(path);
          if (changed.compareTo(latest[0]) > 0) {
            latest[0] = changed;
          }
          if (Files.isRegularFile(path)) {
            bytes[0] += Files.size(path);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new Run(folder, latest[0], bytes[0]);
  }
}
