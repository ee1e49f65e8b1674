package io.modelmap.eval.embedllm;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.math.embed.CorrectnessMatrix;
import io.modelmap.math.embed.EmbedLlm;
import io.modelmap.schemas.avro.McItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbedLlmForecastTest {
  @Test
  void shouldGroupQuestionsBySubjectInSortedOrderWithNoSubjectAsEmpty() {
    List<McItem> questions = List.of(Items.item("0", "?", 0, "b", "x", "y"), Items.item("1", "?", 0, "a", "x", "y"),
        Items.item("2", "?", 0, null, "x", "y"), Items.item("3", "?", 0, "a", "x", "y"));

    assertThat(EmbedLlmForecast.byCategory(questions))
        .containsExactly(Map.entry("", List.of(2)), Map.entry("a", List.of(1, 3)), Map.entry("b", List.of(0)));
  }

  @Test
  void shouldForecastAThirdOfTheModelsAndAtLeastThree() {
    assertThat(EmbedLlmForecast.testModels(6)).isEqualTo(3);
    assertThat(EmbedLlmForecast.testModels(12)).isEqualTo(4);
    assertThat(EmbedLlmForecast.testModels(31)).isEqualTo(10);
  }

  @Test
  void shouldHoldOutEachCategoryInTurn() {
    // 6 models × 12 questions in two subjects; model m right on question q when (m + q) % 3 != 0
    List<McItem> questions = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    int[][] cells = new int[6][12];
    for (int q = 0; q < 12; q++) {
      questions.add(Items.item("q" + q, "question " + q, 0, q < 8 ? "math" : "art", "a", "b"));
      texts.add((q < 8 ? "sum number " : "paint colour ") + q);
      for (int m = 0; m < 6; m++) {
        cells[m][q] = (m + q) % 3 != 0 ? 1 : 0;
      }
    }
    List<EmbedLlmForecast.CategoryForecast> rows = new ArrayList<>();

    EmbedLlmForecast.run(questions, texts, new CorrectnessMatrix(cells), QuestionEncoding.tfIdf(6), new EmbedLlm.Settings(4, 2, 8, 3e-3, 1e-6,
        1), rows::add);

    assertThat(rows).extracting(EmbedLlmForecast.CategoryForecast::category).containsExactly("art", "math");
    assertThat(rows).extracting(EmbedLlmForecast.CategoryForecast::questions).containsExactly(4, 8);
    for (EmbedLlmForecast.CategoryForecast row : rows) {
      assertThat(row.result().probeTau()).isBetween(-1.0, 1.0);
      assertThat(row.result().baselineSignificant()).isBetween(0.0, 1.0);
    }
  }
}
