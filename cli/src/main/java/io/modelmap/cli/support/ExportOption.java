package io.modelmap.cli.support;

import java.nio.file.Path;
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
}
