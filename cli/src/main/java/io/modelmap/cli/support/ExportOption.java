package io.modelmap.cli.support;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --export-to DIR}: the folder a command writes its CSV files to when it is done. One declaration for every
 * command that exports; what each one writes there differs, so a command whose help text differs from the one below
 * names it in {@code OptionDescriptions.properties} under {@code modelmap.<command>.export-to}.
 */
public final class ExportOption {
  @Option(names = "--export-to", paramLabel = "DIR", descriptionKey = "export-to",
      description = "Export the map as CSV to this folder before exiting.")
  public Path exportTo;
}
