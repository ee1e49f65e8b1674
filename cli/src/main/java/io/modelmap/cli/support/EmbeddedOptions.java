package io.modelmap.cli.support;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --embedded}: start the embedded default for this one command, on the commands that can run standalone. */
public final class EmbeddedOptions {
  @Option(names = "--embedded", description = "Start the embedded default (broker, registry, aggregator) on a fresh"
      + " data folder for this command, instead of connecting to a cluster.")
  public boolean embedded;

  @Mixin
  public DataDirOption data;

  /** The data folder to start in: --data-dir, or a fresh one named after {@code purpose}. */
  public Path dataDir(String purpose) throws IOException {
    return data.dataDir(purpose);
  }
}
