package io.modelmap.eval.embedllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.math.embed.CorrectnessMatrix;
import io.modelmap.math.embed.EmbedLlm;
import io.modelmap.math.embed.HashedTfIdfEncoder;
import io.modelmap.math.embed.SparseVector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FoldInComparisonTest {
  @Test
  void shouldScoreAModelOnlyOnTheQuestionsItAnswered() {
    // model 0: right on q0, wrong on q1 and q2, q3 not asked
    CorrectnessMatrix correct = new CorrectnessMatrix(new int[][] {{1, 0, 0, -1}});

    // predicting right only on q0 matches all 3 answered; "always right" matches q0 alone: 1/3
    assertThat(FoldInComparison.accuracy(correct, 0, List.of(0, 1, 2, 3), q -> q == 0)).isEqualTo(1.0);
    assertThat(FoldInComparison.accuracy(correct, 0, List.of(0, 1, 2, 3), q -> true)).isCloseTo(1.0 / 3, within(1e-15));
    assertThat(FoldInComparison.accuracy(correct, 0, List.of(1, 3), q -> true)).as("q3 does not count").isZero();
  }

  @Test
  void shouldHoldOutTheFirstModelsInTurnAndAverageTheirRows() {
    // 3 models × 20 questions: model 0 right on even questions, model 1 on odd ones, model 2 on all
    int[][] cells = new int[3][20];
    List<String> texts = new ArrayList<>();
    for (int q = 0; q < 20; q++) {
      cells[0][q] = q % 2 == 0 ? 1 : 0;
      cells[1][q] = q % 2;
      cells[2][q] = 1;
      texts.add((q % 2 == 0 ? "even apple pear " : "odd stone rock ") + "item" + q);
    }
    CorrectnessMatrix correct = new CorrectnessMatrix(cells);
    QuestionSplit split = QuestionSplit.shuffled(20, 1);
    HashedTfIdfEncoder encoder = HashedTfIdfEncoder.fit(split.train().stream().map(texts::get).toList(), 6);
    List<SparseVector> encoded = texts.stream().map(encoder::encode).toList();
    EmbedLlm.Settings settings = new EmbedLlm.Settings(4, 3, 8, 3e-3, 1e-6, 1);
    EmbedLlm full = EmbedLlm.fit(3, encoder, encoded, correct.observations(split.train(), -1), settings);
    List<FoldInComparison.Row> rows = new ArrayList<>();

    FoldInComparison.Summary summary = FoldInComparison.run(2, full, encoder, encoded, correct, split, settings,
        rows::add);

    assertThat(rows).extracting(FoldInComparison.Row::model).containsExactly(0, 1);
    assertThat(summary.models()).isEqualTo(2);
    assertThat(summary.meanFoldIn()).isCloseTo((rows.get(0).foldIn() + rows.get(1).foldIn()) / 2, within(1e-15));
    assertThat(summary.meanFull()).isCloseTo((rows.get(0).full() + rows.get(1).full()) / 2, within(1e-15));
    for (FoldInComparison.Row row : rows) {
      // the test set has 2 questions, all answered: each accuracy is 0, 1/2 or 1
      assertThat(List.of(0.0, 0.5, 1.0)).contains(row.foldIn(), row.full());
    }
  }
}
