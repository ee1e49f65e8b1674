package io.modelmap.cli.data;

import io.modelmap.cli.terminal.Plural;
import io.modelmap.cli.support.DurationConverter;
import io.modelmap.cli.runtime.AgreementTable;
import io.modelmap.cli.runtime.AgreementWaiter;
import io.modelmap.cli.runtime.EmbeddedSystem;
import io.modelmap.cli.support.ClusterOptions;
import io.modelmap.cli.support.EmbeddedOptions;
import io.modelmap.cli.support.ExportOption;
import io.modelmap.cli.transfer.AgreementExporter;
import io.modelmap.cli.transfer.AnswerImporter;
import io.modelmap.formats.benchmark.AnswerTable;
import io.modelmap.kafka.KafkaConnection;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelmap import-answers}: seeds agreement on error with answers computed elsewhere. */
@Command(name = "import-answers", mixinStandardHelpOptions = true,
    description = "Publish a table of answers (question_id,category,n_choices,gold_index,<model>,...) to mc-items and"
        + " mc-answers.")
public final class ImportAnswersCommand implements Callable<Integer> {
  @Mixin
  ClusterOptions connection;

  @Mixin
  EmbeddedOptions standalone;

  @Option(names = "--answers", required = true, description = "The answers CSV; -1 = answered but unreadable, empty = not answered.")
  Path answers;

  @Option(names = "--benchmark-id", description = "Benchmark id of the items (default: the file name without .csv).")
  String benchmarkId;

  @Mixin
  public ExportOption export;

  @Option(names = "--judge", description = "Also print the LLM-as-judge inflation table with this model as the judge.")
  String judge;

  @Option(names = "--timeout", converter = DurationConverter.class, defaultValue = "10m", description = "How long to wait for results, e.g. 90s, 10m, 1h30m or PT10M (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    export.checkTarget(); // a folder the export would overwrite is refused before anything is published or started
    String benchmark = benchmarkId != null ? benchmarkId : answers.getFileName().toString().replaceFirst("\\.csv$", "");
    if (!standalone.embedded) {
      AnswerTable table = new AnswerImporter(connection.external(), System.out).importAnswers(answers, benchmark);
      if (export.exportTo != null) {
        finish(connection.external(), table);
      }
      return table.problems().isEmpty() ? 0 : 1;
    }
    Path dir = standalone.dataDir("import-answers");
    try (EmbeddedSystem system = EmbeddedSystem.start(dir, System.out)) {
      AnswerTable table = new AnswerImporter(system.connection(), System.out).importAnswers(answers, benchmark);
      finish(system.connection(), table);
      return table.problems().isEmpty() ? 0 : 1;
    }
  }

  private void finish(KafkaConnection target, AnswerTable table) throws Exception {
    Map<String, Long> answered = new LinkedHashMap<>();
    table.answersByModel().forEach((model, list) -> answered.put(model, (long) list.size()));
    new AgreementWaiter(target, System.out, Clock.systemUTC()).await(table.sharedItemsByPair(), answered, timeout);
    AgreementTable results = AgreementTable.read(target);
    results.printModels(System.out);
    results.printSummary(System.out);
    if (judge != null) {
      results.printJudge(judge, System.out);
    }
    if (export.exportTo != null) {
      int pairs = new AgreementExporter(target).export(export.exportTo);
      System.out.println("Exported " + Plural.of(pairs, "pair") + " to " + export.exportTo.toAbsolutePath());
    }
  }
}
