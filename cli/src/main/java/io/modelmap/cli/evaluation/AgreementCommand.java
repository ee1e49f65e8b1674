package io.modelmap.cli.evaluation;

import io.modelmap.cli.runtime.AgreementTable;
import io.modelmap.cli.support.ClusterOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelmap agreement}: accuracy, agreement on error and judge inflation, read from the topics. */
@Command(name = "agreement", mixinStandardHelpOptions = true,
    description = "Print each model's accuracy and most correlated partners, and optionally the LLM-as-judge table.")
public final class AgreementCommand implements Callable<Integer> {
  @Mixin
  ClusterOptions connection;

  @Option(names = "--judge", description = "Print every model's judged minus true accuracy with this model as the judge.")
  String judge;

  @Override
  public Integer call() {
    AgreementTable table = AgreementTable.read(connection.external());
    table.printModels(System.out);
    table.printSummary(System.out);
    if (judge != null) {
      if (!table.hasModel(judge)) {
        System.err.println("no answers of model '" + judge + "' have been aggregated; pick a model listed above");
        return 2;
      }
      table.printJudge(judge, System.out);
    }
    return 0;
  }
}
