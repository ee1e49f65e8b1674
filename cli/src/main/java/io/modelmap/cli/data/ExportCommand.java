package io.modelmap.cli.data;

import io.modelmap.cli.terminal.Plural;
import io.modelmap.cli.support.ClusterOptions;
import io.modelmap.cli.support.UsageError;
import io.modelmap.cli.transfer.AgreementExporter;
import io.modelmap.cli.transfer.MapExporter;
import io.modelmap.cli.transfer.ResponseExporter;
import io.modelmap.cli.support.ExportOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelmap export}: the current map as CSV. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write texts.csv, L.csv, Q.csv, models.csv, neighbors.csv, map.csv, analytics, predictions,"
        + " agreement.csv and accuracy.csv, read back from the topics once they cover every complete model"
        + " (exit 3 when they do not within --timeout: what there is gets written, and what is missing is named).")
public final class ExportCommand implements Callable<Integer> {
  @Mixin
  ClusterOptions connection;

  @Option(names = "--export-to", paramLabel = "DIR", description = "Folder to write to.")
  Path exportTo;

  /** The earlier name of --export-to, kept for scripts; every other command says --export-to. */
  @Option(names = "--out", hidden = true)
  Path out;

  @Option(names = "--corpus-id", description = "Corpus to export (needed only when there are several).")
  String corpusId;

  @Option(names = "--timeout", defaultValue = "PT5M", description = "How long to wait for the views to cover every"
      + " complete model (ISO-8601, default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    Path out = exportTo != null ? exportTo : this.out;
    if (out == null) {
      throw new UsageError("export needs --export-to DIR, the folder to write the CSV files to");
    }
    int pairs = new AgreementExporter(connection.external()).export(out);
    System.out.println("Exported agreement of " + Plural.of(pairs, "pair") + " to " + out.toAbsolutePath());
    int responsePairs = new ResponseExporter(connection.external()).export(out);
    System.out.println("Exported response similarity of " + Plural.of(responsePairs, "pair") + " and lineage.csv to "
        + out.toAbsolutePath());
    if (corpusId == null && !MapExporter.anyCorpus(connection.external())) {
      System.out.println("No corpus has been published; only agreement.csv and accuracy.csv were written");
      return 0;
    }
    MapExporter.Exported exported = new MapExporter(connection.external()).export(out, corpusId, timeout, System.out);
    System.out.println("Exported corpus " + exported.corpus() + " to " + out.toAbsolutePath());
    exported.reportGaps(System.out);
    return exported.complete() ? 0 : ExportOption.INCOMPLETE_EXPORT;
  }
}
