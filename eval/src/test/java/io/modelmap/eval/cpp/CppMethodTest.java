package io.modelmap.eval.cpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.math.collab.DesignFactors;
import io.modelmap.math.collab.MatrixFactorization;
import io.modelmap.math.collab.NeuralCollaborativeFiltering;
import io.modelmap.math.collab.ScoreMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class CppMethodTest {
  // 2 models × 3 tasks, every score known; one categorical factor per model and per task
  private static final ScoreMatrix MATRIX = new ScoreMatrix(List.of("m0", "m1"), List.of("t0", "t1", "t2"),
      new double[][] {{0.1, 0.5, 0.3}, {0.4, 0.2, 0.6}});
  private static final DesignFactors FACTORS = new DesignFactors(new double[][] {{1}, {2}}, new int[][] {{0}, {1}},
      new int[] {2}, new int[][] {{0}, {1}, {0}}, new int[] {2});
  private static final CppTraining TRAINING = new CppTraining(2, 0.003, 1e-4);

  @Test
  void shouldListThePapersTableOneRowsInItsOrder() {
    assertThat(CppMethod.values()).extracting(CppMethod::label).containsExactly("Matrix Factorization",
        "Neural Collaborative Filtering", "+ Factor Enhanced", "Only Factor");
    assertThat(CppMethod.FACTOR_ENHANCED.paper()).containsExactly(1.25e-2, 7.88e-2, 0.4545, 0.8454);
  }

  @Test
  void shouldHandOutACopyOfThePapersFigures() {
    CppMethod.ONLY_FACTOR.paper()[0] = 99;

    assertThat(CppMethod.ONLY_FACTOR.paper()[0]).isEqualTo(1.75e-2);
  }

  @Test
  void shouldFitEachMethodWithItsModel() {
    var cells = MATRIX.knownCells();

    assertThat(CppMethod.MATRIX_FACTORIZATION.method(MATRIX, FACTORS, TRAINING).fit(cells, 1))
        .isInstanceOf(MatrixFactorization.class);
    for (CppMethod method : List.of(CppMethod.NEURAL_COLLABORATIVE_FILTERING, CppMethod.FACTOR_ENHANCED,
        CppMethod.ONLY_FACTOR)) {
      assertThat(method.method(MATRIX, FACTORS, TRAINING).fit(cells, 1)).as(method.label())
          .isInstanceOf(NeuralCollaborativeFiltering.class);
    }
  }
}
