package io.modelmap.cli.support;

import io.modelmap.cli.runtime.EmbeddedSystem;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --data-dir}: the folder an embedded broker, registry and aggregator keep their data in, a fresh one under
 * {@code .modelmap/} when not given. Commands whose help text differs name it in {@code OptionDescriptions.properties}
 * under {@code modelmap.<command>.data-dir}.
 */
public final class DataDirOption {
  @Option(names = "--data-dir", descriptionKey = "data-dir",
      description = "Data folder (default: a fresh folder under .modelmap/).")
  public Path dataDir;

  /** The data folder to start in: --data-dir, or a fresh one named after {@code purpose}. */
  public Path dataDir(String purpose) throws IOException {
    return EmbeddedSystem.dataDir(dataDir, purpose);
  }
}
