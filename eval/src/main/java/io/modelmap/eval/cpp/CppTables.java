package io.modelmap.eval.cpp;

import io.modelmap.math.collab.DesignFactors;
import io.modelmap.math.collab.HeldOutProtocol;
import io.modelmap.math.collab.HeldOutQuality;
import io.modelmap.math.collab.ScoreMatrix;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.function.Consumer;

/**
 * The CPP paper's Table 1 and Table 4 protocols on a sparse model × task score table, row by row:
 * Table 1 holds out a share of the known cells with seeds 1 … n for each {@link CppMethod}; Table 4
 * predicts named models with NCF + factors from none of their scores (CPP-0, one run) and from two of
 * them (CPP-2, seeds 1 … n), then all models together.
 */
public final class CppTables {
  private CppTables() {}

  /**
   * One row of a table.
   *
   * @param label the method or model
   * @param summary mean and sd over its runs
   * @param withinRow mean and sd of MAE@0 and MAE@2 ranked within each model's row (the authors' notebook)
   * @param paper the paper's MSE, mean L1, rank accuracy and MAE@2 (NaN where it gives none); null for a
   *     model the paper does not list
   */
  public record Row(String label, QualitySummary summary, QualitySummary withinRow, double[] paper) {
    Row(String label, List<HeldOutQuality> runs, double[] paper) {
      this(label, QualitySummary.of(runs), QualitySummary.withinRow(runs), paper);
    }
  }

  /** The method pairs Table 1's paired differences compare (first − second). */
  private static final CppMethod[][] PAIRS = {
      {CppMethod.FACTOR_ENHANCED, CppMethod.NEURAL_COLLABORATIVE_FILTERING},
      {CppMethod.NEURAL_COLLABORATIVE_FILTERING, CppMethod.MATRIX_FACTORIZATION},
      {CppMethod.FACTOR_ENHANCED, CppMethod.ONLY_FACTOR}};

  /** Table 1: one row per method, handed to {@code each} as it is done. */
  public static void table1(ScoreMatrix matrix, DesignFactors factors, CppTraining training, double heldOut, int seeds,
      Consumer<Row> each) {
    table1(matrix, factors, training, heldOut, seeds, each, pair -> { });
  }

  /**
   * Table 1, then the paired differences of its methods over the same splits (seed s holds out the same
   * cells for every method): MSE and the within-row MAE@0 of NCF + factors − NCF, NCF − MF and
   * NCF + factors − factors only.
   */
  public static void table1(ScoreMatrix matrix, DesignFactors factors, CppTraining training, double heldOut, int seeds,
      Consumer<Row> each, Consumer<PairedDifference> pairs) {
    Map<CppMethod, List<HeldOutQuality>> all = new EnumMap<>(CppMethod.class);
    for (CppMethod method : CppMethod.values()) {
      List<HeldOutQuality> runs = new ArrayList<>();
      for (int seed = 1; seed <= seeds; seed++) {
        runs.add(HeldOutProtocol.run(matrix, method.method(matrix, factors, training), heldOut, seed));
      }
      all.put(method, runs);
      each.accept(new Row(method.label(), runs, method.paper()));
    }
    for (CppMethod[] pair : PAIRS) {
      pairs.accept(difference(all, pair, "MSE", HeldOutQuality::mse));
      pairs.accept(difference(all, pair, "MAE@0 in row", q -> q.withinRow().maeAt0()));
    }
  }

  private static PairedDifference difference(Map<CppMethod, List<HeldOutQuality>> runs, CppMethod[] pair,
      String metric, ToDoubleFunction<HeldOutQuality> value) {
    return PairedDifference.of(pair[0].label() + " − " + pair[1].label() + ", " + metric,
        runs.get(pair[0]).stream().mapToDouble(value).toArray(), runs.get(pair[1]).stream().mapToDouble(value).toArray());
  }

  /**
   * Table 4 for {@code models} (names of rows of {@code matrix}): "name CPP-0" and "name CPP-2" per model,
   * then "all models CPP-0" and "all models CPP-2" beside the paper's mean over the models it lists.
   */
  public static void table4(ScoreMatrix matrix, DesignFactors factors, CppTraining training, List<String> models,
      int seeds, Consumer<Row> each) {
    HeldOutProtocol.Method ncf = CppMethod.FACTOR_ENHANCED.method(matrix, factors, training);
    List<HeldOutQuality> zero = new ArrayList<>();
    List<HeldOutQuality> two = new ArrayList<>();
    for (String name : models) {
      int model = matrix.models().indexOf(name);
      HeldOutQuality cpp0 = HeldOutProtocol.runForModel(matrix, ncf, model, 0, 1);
      List<HeldOutQuality> cpp2 = new ArrayList<>();
      for (int seed = 1; seed <= seeds; seed++) {
        cpp2.add(HeldOutProtocol.runForModel(matrix, ncf, model, 2, seed));
      }
      double[] paper = PaperTable4.mse().get(name);
      each.accept(new Row(name + " CPP-0", List.of(cpp0), paper == null ? null : mseOnly(paper[0])));
      each.accept(new Row(name + " CPP-2", cpp2, paper == null ? null : mseOnly(paper[1])));
      zero.add(cpp0);
      two.addAll(cpp2);
    }
    each.accept(new Row("all models CPP-0", zero, mseOnly(PaperTable4.mean(0, models))));
    each.accept(new Row("all models CPP-2", two, mseOnly(PaperTable4.mean(1, models))));
  }

  private static double[] mseOnly(double mse) {
    return new double[] {mse, Double.NaN, Double.NaN, Double.NaN};
  }
}
