package io.modelmap.cli.evaluation;

import io.modelmap.cli.support.UsageError;
import io.modelmap.cli.terminal.Plural;
import io.modelmap.cli.terminal.TextTable;
import io.modelmap.cli.terminal.TextTable.Column;
import io.modelmap.eval.cpp.CppTables;
import io.modelmap.eval.cpp.CppTraining;
import io.modelmap.eval.cpp.PaperTable4;
import io.modelmap.math.collab.ScoreMatrix;
import io.modelmap.formats.benchmark.CppTableReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code modelmap cpp-eval}: the collaborative performance prediction paper's Table 1 and Table 4 protocols. */
@Command(name = "cpp-eval", mixinStandardHelpOptions = true,
    description = "Evaluate collaborative performance prediction (CPP) on a sparse model × task score table with"
        + " design factors: Table 1 (a share of known cells held out, several seeds: MF, NCF, NCF + factors,"
        + " factors only) and Table 4 (CPP-0 and CPP-2 for named models), beside the paper's numbers.")
public final class CppEvalCommand implements Callable<Integer> {

  @Option(names = "--scores", required = true, description = "Wide scores: model, then one column per task.")
  Path scores;

  @Option(names = "--model-factors", required = true, description = "One row per model: " + "family, Finetuning,"
      + " Context window, batch size(M) and the numerical factors (as the CPP data's model_feature.csv).")
  Path modelFactors;

  @Option(names = "--task-factors", required = true, description = "One row per factor (ability, family, output,"
      + " shots), one column per task (as the CPP data's benchmark_feature.csv).")
  Path taskFactors;

  @Option(names = "--seeds", defaultValue = "5", description = "Random splits (default ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--held-out", defaultValue = "0.05", description = "Share of known cells held out (default ${DEFAULT-VALUE}).")
  double heldOut;

  @Option(names = "--epochs", defaultValue = "300", description = "Passes over the training cells (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--learning-rate", defaultValue = "0.003", description = "Adam step size (default ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--decay", defaultValue = "1e-4", description = "L2 weight decay (default ${DEFAULT-VALUE}).")
  double decay;

  @Option(names = "--model", description = "A model for Table 4 (repeatable; default: the paper's twelve when present).")
  List<String> table4 = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (!(heldOut > 0 && heldOut < 1)) {
      throw new UsageError("--held-out must be between 0 and 1, was " + heldOut);
    }
    CppTableReader.CppTables tables = CppTableReader.read(scores, modelFactors, taskFactors);
    ScoreMatrix matrix = tables.scores();
    for (String name : table4) {
      if (!matrix.models().contains(name)) {
        throw new UsageError("--model " + name + " has no row in " + scores.getFileName());
      }
    }
    System.out.printf("cpp-eval: %d models × %d tasks, %d known scores%s%n", matrix.models().size(),
        matrix.tasks().size(), matrix.knownCells().size(), tables.modelsWithoutFactors().isEmpty() ? ""
            : "; no factor row for " + tables.modelsWithoutFactors() + " (their factors count as unknown)");
    System.out.printf("%nTable 1: %.0f %% of known cells held out, %s; mean (sd), paper in brackets%n",
        heldOut * 100, Plural.of(seeds, "seed"));
    CppTraining training = new CppTraining(epochs, learningRate, decay);
    TextTable methods = table("method");
    CppTables.table1(matrix, tables.factors(), training, heldOut, seeds, row -> add(methods, row));
    methods.print(System.out);
    List<String> models = table4.isEmpty() ? PaperTable4.modelsIn(matrix.models()) : table4;
    if (!models.isEmpty()) {
      System.out.printf("%nTable 4 (NCF + factors): CPP-0 (no score of the model), CPP-2 (two of its scores, %s)%n",
          Plural.of(seeds, "seed"));
      TextTable perModel = table("model");
      CppTables.table4(matrix, tables.factors(), training, models, seeds, row -> add(perModel, row));
      perModel.print(System.out);
    }
    return 0;
  }

  /** A table of the four metrics, laid out as the paper's tables were printed before (one space apart). */
  private static TextTable table(String first) {
    return TextTable.of(Column.left(first).atLeast(32).capped(80), Column.left("MSE").atLeast(26),
        Column.left("mean L1").atLeast(26), Column.left("rank accuracy").atLeast(22), Column.left("MAE@2").atLeast(22))
        .spaced(1);
  }

  /** One row: mean (sd) of each metric, the paper's figure in brackets where it gives one. */
  private static void add(TextTable table, CppTables.Row row) {
    String[] cells = new String[5];
    cells[0] = row.label();
    double[] paper = row.paper();
    for (int i = 0; i < 4; i++) {
      double mean = row.summary().mean()[i];
      double sd = row.summary().sd()[i];
      String cell = i < 2 ? String.format("%.2e (%.1e)", mean, sd) : String.format("%.1f %% (%.1f)", mean * 100, sd * 100);
      if (paper != null && !Double.isNaN(paper[i])) {
        cell += i < 2 ? String.format(" [%.2e]", paper[i]) : String.format(" [%.1f]", paper[i] * 100);
      }
      cells[i + 1] = cell;
    }
    table.row((Object[]) cells);
  }
}
