package io.modelmap.cli.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * {@code --export-to DIR}: the folder a command writes its CSV files to when it is done. One declaration for every
 * command that exports; what each one writes there differs, so a command whose help text differs from the one below
 * names it in {@code OptionDescriptions.properties} under {@code modelmap.<command>.export-to}.
 */
public final class ExportOption {
  /**
   * Exit status of a command whose export was written but incomplete: the views did not cover every complete
   * model within the wait; one line per file says what it lacks.
   */
  public static final int INCOMPLETE_EXPORT = 3;
  /** How long {@code map} and {@code demo} wait, at most, for the views to cover every complete model. */
  public static final java.time.Duration EXPORT_WAIT = java.time.Duration.ofMinutes(5);

  @Option(names = "--export-to", paramLabel = "DIR", descriptionKey = "export-to",
      description = "Export the map as CSV to this folder before exiting.")
  public Path exportTo;

  /**
   * Refuses, before anything starts, a target the export would overwrite or cannot write: an existing file, or a
   * folder that already holds files (the results of a long run would otherwise be lost at the very end).
   */
  public void checkTarget() throws IOException {
    if (exportTo == null || !Files.exists(exportTo)) {
      return;
    }
    if (!Files.isDirectory(exportTo)) {
      throw new UsageError("--export-to " + exportTo + ": is a file, the export writes a folder of CSV files;"
          + " name a new or empty folder");
    }
    try (Stream<Path> entries = Files.list(exportTo)) {
      if (entries.findAny().isPresent()) {
        throw new UsageError("--export-to " + exportTo + ": the folder is not empty and would be overwritten;"
            + " name a new or empty folder, or remove this one first");
      }
    }
    if (!Files.isWritable(exportTo)) {
      throw new UsageError("--export-to " + exportTo + ": the folder is not writable; name one you can write to");
    }
  }
}
