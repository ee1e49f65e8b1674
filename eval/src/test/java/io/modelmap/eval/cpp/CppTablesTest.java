package io.modelmap.eval.cpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.math.collab.DesignFactors;
import io.modelmap.math.collab.HeldOutProtocol;
import io.modelmap.math.collab.ScoreMatrix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CppTablesTest {
  // 4 models × 5 tasks, every score known; one numeric and one categorical factor per model, one per task
  private static final ScoreMatrix MATRIX = new ScoreMatrix(List.of("Gemma-7b", "m1", "m2", "m3"),
      List.of("t0", "t1", "t2", "t3", "t4"), new double[][] {{0.1, 0.2, 0.3, 0.4, 0.5}, {0.2, 0.3, 0.2, 0.6, 0.4},
          {0.5, 0.4, 0.6, 0.7, 0.9}, {0.3, 0.1, 0.4, 0.2, 0.3}});
  private static final DesignFactors FACTORS = new DesignFactors(new double[][] {{1}, {2}, {3}, {4}},
      new int[][] {{0}, {1}, {0}, {1}}, new int[] {2}, new int[][] {{0}, {1}, {0}, {1}, {0}}, new int[] {2});
  private static final CppTraining TRAINING = new CppTraining(3, 0.003, 1e-4);

  @Test
  void shouldGiveTableOneRowPerMethodInThePapersOrderWithItsFigures() {
    List<CppTables.Row> rows = new ArrayList<>();

    CppTables.table1(MATRIX, FACTORS, TRAINING, 0.2, 1, rows::add);

    assertThat(rows).extracting(CppTables.Row::label).containsExactly("Matrix Factorization",
        "Neural Collaborative Filtering", "+ Factor Enhanced", "Only Factor");
    assertThat(rows.get(0).paper()).containsExactly(2.16e-2, 9.47e-2, 0.4433, 0.8316);
    assertThat(rows.get(3).paper()).containsExactly(1.75e-2, 8.57e-2, 0.3347, 0.8408);
    // one seed: the row is that seed's run of the held-out protocol, sd 0
    double mse = HeldOutProtocol.run(MATRIX, CppMethod.MATRIX_FACTORIZATION.method(MATRIX, FACTORS, TRAINING), 0.2, 1)
        .mse();
    assertThat(rows.get(0).summary().mean()[0]).isEqualTo(mse);
    assertThat(rows.get(0).summary().sd()).containsExactly(0, 0, 0, 0);
  }

  @Test
  void shouldGiveTableFourRowsPerModelThenAllModelsBesideThePapersMse() {
    List<CppTables.Row> rows = new ArrayList<>();

    CppTables.table4(MATRIX, FACTORS, TRAINING, List.of("Gemma-7b", "m1"), 2, rows::add);

    assertThat(rows).extracting(CppTables.Row::label).containsExactly("Gemma-7b CPP-0", "Gemma-7b CPP-2",
        "m1 CPP-0", "m1 CPP-2", "all models CPP-0", "all models CPP-2");
    assertThat(rows.get(0).paper()).containsExactly(4.94e-2, Double.NaN, Double.NaN, Double.NaN);
    assertThat(rows.get(1).paper()[0]).isEqualTo(10.2e-2);
    assertThat(rows.get(2).paper()).as("m1 is not in the paper").isNull();
    assertThat(rows.get(4).paper()[0]).as("the paper's mean over the models it lists").isEqualTo(4.94e-2);
    // each model has one CPP-0 run and two CPP-2 runs: "all models" averages the models' means
    for (int metric = 0; metric < 4; metric++) {
      assertThat(rows.get(4).summary().mean()[metric]).isCloseTo((rows.get(0).summary().mean()[metric]
          + rows.get(2).summary().mean()[metric]) / 2, within(1e-15));
      assertThat(rows.get(5).summary().mean()[metric]).isCloseTo((rows.get(1).summary().mean()[metric]
          + rows.get(3).summary().mean()[metric]) / 2, within(1e-15));
    }
  }

  @Test
  void shouldPairTheMethodsSplitBySplitAfterTableOne() {
    List<PairedDifference> pairs = new ArrayList<>();

    CppTables.table1(MATRIX, FACTORS, TRAINING, 0.2, 3, row -> { }, pairs::add);

    assertThat(pairs).extracting(PairedDifference::label).containsExactly(
        "+ Factor Enhanced − Neural Collaborative Filtering, MSE",
        "+ Factor Enhanced − Neural Collaborative Filtering, MAE@0 in row",
        "Neural Collaborative Filtering − Matrix Factorization, MSE",
        "Neural Collaborative Filtering − Matrix Factorization, MAE@0 in row",
        "+ Factor Enhanced − Only Factor, MSE", "+ Factor Enhanced − Only Factor, MAE@0 in row");
    // seed s holds out the same cells for both methods: the mean difference is the mean of per-seed differences
    double sum = 0;
    for (int seed = 1; seed <= 3; seed++) {
      sum += HeldOutProtocol.run(MATRIX, CppMethod.FACTOR_ENHANCED.method(MATRIX, FACTORS, TRAINING), 0.2, seed).mse()
          - HeldOutProtocol.run(MATRIX, CppMethod.NEURAL_COLLABORATIVE_FILTERING.method(MATRIX, FACTORS, TRAINING), 0.2,
              seed).mse();
    }
    assertThat(pairs.get(0).splits()).isEqualTo(3);
    assertThat(pairs.get(0).meanDifference()).isCloseTo(sum / 3, within(1e-15));
  }
}
