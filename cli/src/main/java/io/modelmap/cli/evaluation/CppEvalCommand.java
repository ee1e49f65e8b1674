package io.modelmap.cli.evaluation;

import io.modelmap.cli.support.UsageError;
import io.modelmap.cli.terminal.Plural;
import io.modelmap.cli.terminal.TextTable;
import io.modelmap.cli.terminal.TextTable.Column;
import io.modelmap.eval.cpp.CppTables;
import io.modelmap.eval.cpp.CppTraining;
import io.modelmap.eval.cpp.PairedDifference;
import io.modelmap.eval.cpp.PaperTable4;
import io.modelmap.math.collab.ScoreMatrix;
import io.modelmap.math.collab.TrainingSettings;
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

  @Option(names = "--seeds", defaultValue = "20", description = "Random splits, paired across the methods"
      + " (default ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--held-out", defaultValue = "0.05", description = "Share of known cells held out (default ${DEFAULT-VALUE}).")
  double heldOut;

  @Option(names = "--epochs", defaultValue = "300", description = "Passes over the training cells (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--learning-rate", defaultValue = "0.003", description = "Step size (default ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--decay", defaultValue = "1e-4", description = "L2 weight decay (default ${DEFAULT-VALUE}).")
  double decay;

  @Option(names = "--optimiser", defaultValue = "ADAM", description = "ADAM (default) or SGD, the authors' choice"
      + " (they train 250,000 epochs at --learning-rate 0.01 with --decay 0).")
  TrainingSettings.Optimiser optimiser;

  @Option(names = "--model", description = "A model for Table 4 (repeatable; default: the paper's twelve when present).")
  List<String> table4 = new ArrayList<>();

  @Option(names = "--no-table4", description = "Run Table 1 and its paired differences only.")
  boolean noTable4;

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
    System.out.println("ranks among all models of a task (ours) and within the model's row of held-out cells"
        + " (the authors' pilot.ipynb); the paper's rank figures beside the latter");
    CppTraining training = new CppTraining(epochs, learningRate, decay, optimiser);
    List<PairedDifference> pairs = new ArrayList<>();
    TextTable methods = table("method");
    CppTables.table1(matrix, tables.factors(), training, heldOut, seeds, row -> add(methods, row), pairs::add);
    methods.print(System.out);
    System.out.printf("%nPaired differences over the same %s (first − second): mean ± sd, splits where the"
        + " first is lower, two-sided p%n", Plural.of(seeds, "split"));
    pairs.forEach(p -> System.out.printf("%-80s %+.2e ± %.1e  %2d/%d lower  t-test p %.3g  Wilcoxon p %.3g%n",
        p.label(), p.meanDifference(), p.sdDifference(), p.aLower(), p.splits(), p.tTestP(), p.wilcoxonP()));
    List<String> models = table4.isEmpty() ? PaperTable4.modelsIn(matrix.models()) : table4;
    if (!models.isEmpty() && !noTable4) {
      System.out.printf("%nTable 4 (NCF + factors): CPP-0 (no score of the model), CPP-2 (two of its scores, %s)%n",
          Plural.of(seeds, "seed"));
      TextTable perModel = table("model");
      CppTables.table4(matrix, tables.factors(), training, models, seeds, row -> add(perModel, row));
      perModel.print(System.out);
    }
    return 0;
  }

  /** A table of the metrics, laid out as the paper's tables were printed before (one space apart). */
  private static TextTable table(String first) {
    return TextTable.of(Column.left(first).atLeast(32).capped(80), Column.left("MSE").atLeast(26),
        Column.left("mean L1").atLeast(26), Column.left("rank acc. (all)").atLeast(16),
        Column.left("MAE@2 (all)").atLeast(16), Column.left("MAE@0 (in row)").atLeast(22),
        Column.left("MAE@2 (in row)").atLeast(22)).spaced(1);
  }

  /**
   * One row: mean (sd) of each metric, the paper's figure in brackets where it gives one. The paper's rank
   * accuracy and MAE@2 stand beside the within-row ranks, the protocol of the authors' notebook.
   */
  private static void add(TextTable table, CppTables.Row row) {
    String[] cells = new String[7];
    cells[0] = row.label();
    double[] paper = row.paper();
    for (int i = 0; i < 2; i++) {
      String cell = String.format("%.2e (%.1e)", row.summary().mean()[i], row.summary().sd()[i]);
      cells[i + 1] = cell + (known(paper, i) ? String.format(" [%.2e]", paper[i]) : "");
    }
    for (int i = 2; i < 4; i++) {
      cells[i + 1] = percent(row.summary().mean()[i], row.summary().sd()[i]);
    }
    for (int i = 0; i < 2; i++) {
      String cell = percent(row.withinRow().mean()[i], row.withinRow().sd()[i]);
      cells[i + 5] = cell + (known(paper, i + 2) ? String.format(" [%.1f]", paper[i + 2] * 100) : "");
    }
    table.row((Object[]) cells);
  }

  private static boolean known(double[] paper, int i) {
    return paper != null && !Double.isNaN(paper[i]);
  }

  private static String percent(double mean, double sd) {
    return String.format("%.1f %% (%.1f)", mean * 100, sd * 100);
  }
}
