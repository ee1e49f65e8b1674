package io.modelmap.cli;

import io.modelmap.math.collab.DesignFactors;
import io.modelmap.math.collab.HeldOutProtocol;
import io.modelmap.math.collab.HeldOutQuality;
import io.modelmap.math.collab.MatrixFactorization;
import io.modelmap.math.collab.NeuralCollaborativeFiltering;
import io.modelmap.math.collab.NeuralCollaborativeFiltering.Variant;
import io.modelmap.math.collab.ScoreMatrix;
import io.modelmap.math.collab.TrainingSettings;
import io.modelmap.formats.benchmark.CppTableReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code modelmap cpp-eval}: the collaborative performance prediction paper's Table 1 and Table 4 protocols. */
@Command(name = "cpp-eval", mixinStandardHelpOptions = true,
    description = "Evaluate collaborative performance prediction (CPP) on a sparse model × task score table with"
        + " design factors: Table 1 (a share of known cells held out, several seeds: MF, NCF, NCF + factors,"
        + " factors only) and Table 4 (CPP-0 and CPP-2 for named models), beside the paper's numbers.")
final class CppEvalCommand implements Callable<Integer> {
  /** The paper's Table 1: MSE, mean L1, rank accuracy, MAE@2. */
  private static final double[][] PAPER_TABLE_1 = {{2.16e-2, 9.47e-2, 0.4433, 0.8316}, {1.58e-2, 8.94e-2, 0.4176, 0.8498},
      {1.25e-2, 7.88e-2, 0.4545, 0.8454}, {1.75e-2, 8.57e-2, 0.3347, 0.8408}};
  /** The paper's Table 4 MSE (CPP-0, CPP-2) for its twelve large models, under this data's names. */
  private static final Map<String, double[]> PAPER_TABLE_4 = paperTable4();
  private static final String[] METHODS = {"Matrix Factorization", "Neural Collaborative Filtering",
      "+ Factor Enhanced", "Only Factor"};

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
    System.out.printf("%nTable 1: %.0f %% of known cells held out, %d seeds; mean (sd), paper in brackets%n",
        heldOut * 100, seeds);
    System.out.printf("%-32s %-26s %-26s %-22s %-22s%n", "method", "MSE", "mean L1", "rank accuracy", "MAE@2");
    for (int method = 0; method < METHODS.length; method++) {
      List<HeldOutQuality> runs = new ArrayList<>();
      for (int seed = 1; seed <= seeds; seed++) {
        runs.add(HeldOutProtocol.run(matrix, method(method, matrix, tables.factors()), heldOut, seed));
      }
      print(METHODS[method], runs, PAPER_TABLE_1[method]);
    }
    table4(matrix, tables.factors());
    return 0;
  }

  private void table4(ScoreMatrix matrix, DesignFactors factors) {
    List<String> models = table4.isEmpty()
        ? PAPER_TABLE_4.keySet().stream().filter(matrix.models()::contains).toList() : table4;
    if (models.isEmpty()) {
      return;
    }
    System.out.printf("%nTable 4 (NCF + factors): CPP-0 (no score of the model), CPP-2 (two of its scores, %d seeds)%n",
        seeds);
    System.out.printf("%-32s %-26s %-26s %-22s %-22s%n", "model", "MSE", "mean L1", "rank accuracy", "MAE@2");
    HeldOutProtocol.Method ncf = method(2, matrix, factors);
    List<HeldOutQuality> zero = new ArrayList<>();
    List<HeldOutQuality> two = new ArrayList<>();
    for (String name : models) {
      int model = matrix.models().indexOf(name);
      HeldOutQuality cpp0 = HeldOutProtocol.runForModel(matrix, ncf, model, 0, 1);
      List<HeldOutQuality> cpp2 = new ArrayList<>();
      for (int seed = 1; seed <= seeds; seed++) {
        cpp2.add(HeldOutProtocol.runForModel(matrix, ncf, model, 2, seed));
      }
      double[] paper = PAPER_TABLE_4.get(name);
      print(name + " CPP-0", List.of(cpp0), paper == null ? null : new double[] {paper[0], Double.NaN, Double.NaN,
          Double.NaN});
      print(name + " CPP-2", cpp2, paper == null ? null : new double[] {paper[1], Double.NaN, Double.NaN, Double.NaN});
      zero.add(cpp0);
      two.addAll(cpp2);
    }
    print("all models CPP-0", zero, new double[] {mean(0, models), Double.NaN, Double.NaN, Double.NaN});
    print("all models CPP-2", two, new double[] {mean(1, models), Double.NaN, Double.NaN, Double.NaN});
  }

  /** The paper's mean MSE over the models shown (NaN if it has none of them). */
  private static double mean(int column, List<String> models) {
    return models.stream().filter(PAPER_TABLE_4::containsKey).mapToDouble(m -> PAPER_TABLE_4.get(m)[column]).average()
        .orElse(Double.NaN);
  }

  private static Map<String, double[]> paperTable4() {
    Map<String, double[]> t = new LinkedHashMap<>();
    t.put("LLama-2-70B", new double[] {1.34e-2, 1.79e-2});
    t.put("Llama 3 70B", new double[] {5.63e-2, 1.7e-2});
    t.put("LLaMA-65B", new double[] {1.73e-2, 1.88e-2});
    t.put("Luminous Supreme-70B", new double[] {6.06e-2, 1.45e-2});
    t.put("Pythia-12B", new double[] {2.19e-2, 1.57e-2});
    t.put("Yi-9b", new double[] {3.20e-2, 0.9e-2});
    t.put("Baichuan 2-13B-Base", new double[] {2.70e-2, 1.0e-2});
    t.put("Qwen-14B", new double[] {1.05e-2, 3.1e-2});
    t.put("TigerBot-70b", new double[] {8.02e-2, 4.4e-2});
    t.put("Gemma-7b", new double[] {4.94e-2, 10.2e-2});
    t.put("Falcon-180B", new double[] {5.00e-2, 3.2e-2});
    t.put("Gopher - 280B", new double[] {14.48e-2, 10.87e-2});
    return t;
  }

  private HeldOutProtocol.Method method(int method, ScoreMatrix matrix, DesignFactors factors) {
    int models = matrix.models().size();
    int tasks = matrix.tasks().size();
    return (cells, seed) -> {
      TrainingSettings settings = new TrainingSettings(epochs, 16, learningRate, decay, 10, seed);
      return switch (method) {
        case 0 -> MatrixFactorization.fit(models, tasks, cells, settings);
        case 1 -> NeuralCollaborativeFiltering.fit(models, tasks, Variant.IDS, factors, cells, settings);
        case 2 -> NeuralCollaborativeFiltering.fit(models, tasks, Variant.IDS_AND_FACTORS, factors, cells, settings);
        default -> NeuralCollaborativeFiltering.fit(models, tasks, Variant.FACTORS_ONLY, factors, cells, settings);
      };
    };
  }

  private static void print(String label, List<HeldOutQuality> runs, double[] paper) {
    double[][] values = new double[4][runs.size()];
    for (int r = 0; r < runs.size(); r++) {
      HeldOutQuality q = runs.get(r);
      values[0][r] = q.mse();
      values[1][r] = q.meanL1();
      values[2][r] = q.rankAccuracy();
      values[3][r] = q.maeAt2();
    }
    StringBuilder line = new StringBuilder(String.format("%-32s", label));
    for (int i = 0; i < 4; i++) {
      double mean = java.util.Arrays.stream(values[i]).average().orElse(Double.NaN);
      double sd = Math.sqrt(java.util.Arrays.stream(values[i]).map(v -> (v - mean) * (v - mean)).sum()
          / Math.max(1, values[i].length - 1));
      String cell = i < 2 ? String.format("%.2e (%.1e)", mean, sd) : String.format("%.1f %% (%.1f)", mean * 100, sd * 100);
      if (paper != null && !Double.isNaN(paper[i])) {
        cell += i < 2 ? String.format(" [%.2e]", paper[i]) : String.format(" [%.1f]", paper[i] * 100);
      }
      line.append(String.format(i < 2 ? " %-26s" : " %-22s", cell));
    }
    System.out.println(line);
  }
}
