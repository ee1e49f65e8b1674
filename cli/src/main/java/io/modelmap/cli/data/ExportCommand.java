package io.modelmap.cli.data;

import io.modelmap.cli.support.ClusterOptions;
import io.modelmap.cli.support.UsageError;
import io.modelmap.cli.transfer.AgreementExporter;
import io.modelmap.cli.transfer.MapExporter;
import io.modelmap.cli.transfer.ResponseExporter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelmap export}: the current map as CSV. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write texts.csv, L.csv, Q.csv, models.csv, neighbors.csv, agreement.csv and accuracy.csv, read"
        + " back from the topics.")
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

  @Override
  public Integer call() throws Exception {
    Path out = exportTo != null ? exportTo : this.out;
    if (out == null) {
      throw new UsageError("export needs --export-to DIR, the folder to write the CSV files to");
    }
    int pairs = new AgreementExporter(connection.external()).export(out);
    System.out.println("Exported agreement of " + pairs + " pairs to " + out.toAbsolutePath());
    int responsePairs = new ResponseExporter(connection.external()).export(out);
    System.out.println("Exported response similarity of " + responsePairs + " pairs and lineage.csv to "
        + out.toAbsolutePath());
    if (corpusId == null && !MapExporter.anyCorpus(connection.external())) {
      System.out.println("No corpus has been published; only agreement.csv and accuracy.csv were written");
      return 0;
    }
    String corpus = new MapExporter(connection.external()).export(out, corpusId);
    System.out.println("Exported corpus " + corpus + " to " + out.toAbsolutePath());
    return 0;
  }
}
