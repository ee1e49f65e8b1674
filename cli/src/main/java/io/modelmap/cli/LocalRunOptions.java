package io.modelmap.cli;

import io.modelmap.cli.runtime.EmbeddedSystem;
import io.modelmap.cli.runtime.Serving;
import io.modelmap.cli.support.DataDirOption;
import io.modelmap.cli.support.ExportOption;
import io.modelmap.cli.support.UsageError;
import io.modelmap.cli.transfer.AgreementExporter;
import io.modelmap.cli.transfer.MapExporter;
import io.modelmap.cli.transfer.ResponseExporter;
import io.modelmap.kafka.KafkaConnection;
import java.io.IOException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code demo} and {@code map} share: where the embedded default keeps its data, the dashboard port, export and serve. */
final class LocalRunOptions {
  @Mixin
  DataDirOption data;

  @Mixin
  ExportOption export;

  @Option(names = "--api-port", defaultValue = "8080",
      description = "Port of the dashboard and query API on loopback (default ${DEFAULT-VALUE}; any free port if taken).")
  int apiPort;

  @Option(names = "--shards", defaultValue = "1",
      description = "Spread each corpus's models over this many shards of the embedded aggregator, one stream thread"
          + " each in this JVM (default ${DEFAULT-VALUE}: a corpus in one task). Above 1: no map positions and no"
          + " model-analytics yet; predictions from the models' rows.")
  int shards;

  @Option(names = "--serve", description = "Keep the broker, registry, aggregator and scorer running afterwards (Ctrl-C to stop).")
  boolean serve;

  /** What can be checked before anything starts: the export target (a long run's results are lost if it fails). */
  void preflight() throws IOException {
    if (shards < 1) {
      throw new UsageError("--shards must be at least 1, was " + shards);
    }
    export.checkTarget();
  }

  EmbeddedSystem start(String purpose) throws IOException {
    return EmbeddedSystem.start(data.dataDir(purpose), System.out, apiPort, shards);
  }

  /**
   * Exports (the map; agreement and responses when there were any), then serves when asked to. Returns 0, or
   * {@link ExportOption#INCOMPLETE_EXPORT} when the export was written without every complete model.
   */
  int finish(EmbeddedSystem system, String corpusId, boolean withAgreement, boolean withResponses) throws Exception {
    KafkaConnection connection = system.connection();
    boolean incomplete = false;
    if (export.exportTo != null) {
      MapExporter.Exported map = new MapExporter(connection).export(export.exportTo, corpusId, ExportOption.EXPORT_WAIT,
          System.out);
      map.reportGaps(System.out);
      incomplete = !map.complete();
      if (withAgreement) {
        new AgreementExporter(connection).export(export.exportTo);
      }
      if (withResponses) {
        new ResponseExporter(connection).export(export.exportTo);
      }
      System.out.println("Exported to " + export.exportTo.toAbsolutePath());
    }
    if (serve) {
      Serving.untilInterrupted(system, System.out);
    }
    return incomplete ? ExportOption.INCOMPLETE_EXPORT : 0;
  }
}
