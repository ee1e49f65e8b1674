package io.modelmap.cli.data;

import io.modelmap.cli.support.DurationConverter;
import io.modelmap.cli.support.UsageError;
import io.modelmap.cli.runtime.EmbeddedSystem;
import io.modelmap.cli.runtime.NeighborTable;
import io.modelmap.cli.runtime.PredictionWaiter;
import io.modelmap.cli.runtime.ResultWaiter;
import io.modelmap.cli.support.ClusterOptions;
import io.modelmap.cli.support.EmbeddedOptions;
import io.modelmap.cli.support.ExportOption;
import io.modelmap.cli.transfer.MapExporter;
import io.modelmap.cli.transfer.MatrixImporter;
import io.modelmap.formats.matrix.ModelMetadataReader;
import io.modelmap.producer.benchmark.ScorePublisher;
import io.modelmap.formats.benchmark.ScoreTableReader;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.Publisher;
import io.modelmap.schemas.avro.BenchmarkScore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelmap import}: seeds the map with a log-likelihood matrix computed elsewhere. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Publish a log-likelihood matrix (L.csv + texts.csv) as scores of imported models.")
public final class ImportCommand implements Callable<Integer> {
  @Mixin
  ClusterOptions connection;

  @Mixin
  public EmbeddedOptions standalone;

  @Option(names = "--matrix", required = true, description = "L.csv: header model_id,<text_id>...; empty cells are unscored.")
  Path matrix;

  @Option(names = "--texts-file", paramLabel = "texts.csv", description = "texts.csv: text_id,category,bytes.")
  Path textsFile;

  /** The earlier name of --texts-file, kept for scripts: other commands' --texts is a count. */
  @Option(names = "--texts", hidden = true)
  Path textsAlias;

  @Option(names = "--corpus-id", defaultValue = "imported", description = "Corpus id to publish under (default ${DEFAULT-VALUE}).")
  String corpusId;

  @Option(names = "--models", description = "models.csv: model_id,family,type,parameters of the imported rows"
      + " (family groups the prediction folds).")
  Path models;

  @Option(names = "--scores", description = "Benchmark results to predict, as import-scores takes them"
      + " (model_id,<benchmark>,...; empty = unknown).")
  Path scores;

  @Mixin
  public ExportOption export;

  @Option(names = "--timeout", converter = DurationConverter.class, defaultValue = "10m", description = "How long to wait for results, e.g. 90s, 10m, 1h30m or PT10M (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    export.checkTarget(); // a folder the export would overwrite is refused before anything is read or started
    for (Path file : Stream.of(matrix, texts(), models, scores).filter(java.util.Objects::nonNull).toList()) {
      if (!Files.isRegularFile(file)) {
        throw new NoSuchFileException(file.toString());
      }
    }
    // every input is read before anything starts
    metadata = models == null ? Map.of() : ModelMetadataReader.read(models);
    known = scores == null ? List.of() : ScoreTableReader.read(scores, System.currentTimeMillis());
    if (!standalone.embedded) {
      MatrixImporter.Imported imported = run(connection.external());
      if (export.exportTo != null) {
        await(connection.external(), imported);
        return exitCode(imported, new MapExporter(connection.external()).export(export.exportTo, corpusId, timeout,
            System.out));
      }
      return imported.problems().isEmpty() ? 0 : 1;
    }
    Path dir = standalone.dataDir("import");
    try (EmbeddedSystem system = EmbeddedSystem.start(dir, System.out)) {
      MatrixImporter.Imported imported = run(system.connection());
      await(system.connection(), imported);
      NeighborTable.print(system.connection(), 3, System.out);
      if (export.exportTo != null) {
        MapExporter.Exported exported = new MapExporter(system.connection()).export(export.exportTo, corpusId, timeout,
            System.out);
        System.out.println("Exported to " + export.exportTo.toAbsolutePath());
        return exitCode(imported, exported);
      }
      return imported.problems().isEmpty() ? 0 : 1;
    }
  }

  private Map<String, ModelMetadataReader.ModelMetadata> metadata = Map.of();
  private List<BenchmarkScore> known = List.of();

  /** 1 for skipped rows (the data's fault comes first), else 3 when the export lacks something, else 0. */
  private static int exitCode(MatrixImporter.Imported imported, MapExporter.Exported exported) {
    exported.reportGaps(System.out);
    if (!imported.problems().isEmpty()) {
      return 1;
    }
    return exported.complete() ? 0 : ExportOption.INCOMPLETE_EXPORT;
  }

  /** --texts-file, or its earlier name --texts. */
  private Path texts() {
    Path texts = textsFile != null ? textsFile : textsAlias;
    if (texts == null) {
      throw new UsageError("import needs --texts-file texts.csv (text_id,category,bytes) beside --matrix L.csv");
    }
    return texts;
  }

  private MatrixImporter.Imported run(KafkaConnection target) throws Exception {
    System.out.println("Importing " + matrix + " with " + texts() + " as corpus " + corpusId + " ...");
    MatrixImporter.Imported imported = new MatrixImporter(target, System.out, Clock.systemUTC())
        .importMatrix(matrix, texts(), corpusId, metadata);
    if (!known.isEmpty()) {
      try (Publisher publisher = new Publisher(target)) {
        new ScorePublisher(publisher, target.topics().benchmarkScores()).publish(known);
      }
      System.out.printf("  published %d benchmark scores%n", known.size());
    }
    return imported;
  }

  private void await(KafkaConnection target, MatrixImporter.Imported imported) throws Exception {
    new ResultWaiter(target, System.out, Clock.systemUTC()).await(imported.scoredByModel(), imported.corpusSize(), timeout);
    if (!known.isEmpty()) {
      new PredictionWaiter(target, System.out).await(corpusId, imported.scoredByModel().keySet(), known, timeout);
    }
  }
}
