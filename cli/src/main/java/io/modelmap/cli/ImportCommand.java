package io.modelmap.cli;

import io.modelmap.cli.runtime.EmbeddedSystem;
import io.modelmap.cli.runtime.NeighborTable;
import io.modelmap.cli.runtime.ResultWaiter;
import io.modelmap.cli.transfer.MapExporter;
import io.modelmap.cli.transfer.MatrixImporter;
import io.modelmap.producer.kafka.ConnectionConfig;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelmap import}: seeds the map with a log-likelihood matrix computed elsewhere. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Publish a log-likelihood matrix (L.csv + texts.csv) as scores of imported models.")
final class ImportCommand implements Callable<Integer> {
  @Mixin
  ClusterOptions connection;

  @Mixin
  EmbeddedOptions standalone;

  @Option(names = "--matrix", required = true, description = "L.csv: header model_id,<text_id>...; empty cells are unscored.")
  Path matrix;

  @Option(names = "--texts", required = true, description = "texts.csv: text_id,category,bytes.")
  Path texts;

  @Option(names = "--corpus-id", defaultValue = "imported", description = "Corpus id to publish under (default ${DEFAULT-VALUE}).")
  String corpusId;

  @Option(names = "--export-to", description = "After the aggregator has published every model, export to this folder.")
  Path exportTo;

  @Option(names = "--timeout", defaultValue = "PT10M", description = "How long to wait for results (ISO-8601, default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    for (Path file : List.of(matrix, texts)) {
      if (!Files.isRegularFile(file)) {
        throw new NoSuchFileException(file.toString());
      }
    }
    if (!standalone.embedded) {
      MatrixImporter.Imported imported = run(connection.external());
      if (exportTo != null) {
        await(connection.external(), imported);
        new MapExporter(connection.external()).export(exportTo, corpusId);
      }
      return imported.problems().isEmpty() ? 0 : 1;
    }
    Path dir = standalone.dataDir("import");
    try (EmbeddedSystem system = EmbeddedSystem.start(dir, System.out)) {
      MatrixImporter.Imported imported = run(system.connection());
      await(system.connection(), imported);
      NeighborTable.print(system.connection(), 3, System.out);
      if (exportTo != null) {
        new MapExporter(system.connection()).export(exportTo, corpusId);
        System.out.println("Exported to " + exportTo.toAbsolutePath());
      }
      return imported.problems().isEmpty() ? 0 : 1;
    }
  }

  private MatrixImporter.Imported run(ConnectionConfig target) throws Exception {
    System.out.println("Importing " + matrix + " with " + texts + " as corpus " + corpusId + " ...");
    return new MatrixImporter(target, System.out, Clock.systemUTC()).importMatrix(matrix, texts, corpusId);
  }

  private void await(ConnectionConfig target, MatrixImporter.Imported imported) throws Exception {
    new ResultWaiter(target, System.out, Clock.systemUTC()).await(imported.scoredByModel(), imported.corpusSize(), timeout);
  }
}
