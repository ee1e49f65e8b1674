package io.modelmap.eval.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.eval.embedllm.CategoryRouter;
import io.modelmap.eval.embedllm.CorrectnessTable;
import io.modelmap.formats.benchmark.AnswerTable;
import io.modelmap.formats.benchmark.AnswerTableReader;
import io.modelmap.math.embed.CorrectnessMatrix;
import io.modelmap.math.embed.RouterQuality;
import io.modelmap.schemas.avro.McItem;
import java.io.IOException;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Why EmbedLLM's router has little room on MMLU-Pro: one model is ahead of the other 28 overall and in
 * 12 of the 14 categories, and even routing by category with each category's best model known in
 * hindsight adds about 1.5 points to always sending it. Expected values: {@code data_limits.py},
 * independent plain Python over the same CSV.
 */
class OneBenchmarkRouterTest {
  @Test
  void shouldShowOneModelAheadAndTheCategoryRoutersSmallHeadroom() throws IOException {
    AnswerTable table = AnswerTableReader.read(DataLimits.data("mmlu-pro-answers.csv"), "mmlu-pro");
    List<McItem> questions = table.items();
    List<String> models = List.copyOf(table.answersByModel().keySet());
    CorrectnessMatrix correct = CorrectnessTable.of(table, questions, models);
    List<Integer> every = IntStream.range(0, questions.size()).boxed().toList();
    List<String> categories = questions.stream().map(q -> q.getSubject().toString()).toList();
    Properties expected = DataLimits.expected();

    int best = models.indexOf(expected.getProperty("router.best"));
    assertThat(correct.accuracy(best, every))
        .isCloseTo(DataLimits.number(expected, "router.best.accuracy"), within(1e-12));
    double second = IntStream.range(0, models.size()).filter(m -> m != best)
        .mapToDouble(m -> correct.accuracy(m, every)).max().orElseThrow();
    assertThat(second).isCloseTo(DataLimits.number(expected, "router.second.accuracy"), within(1e-12));
    int led = 0;
    for (String category : categories.stream().distinct().sorted().toList()) {
      List<Integer> inCategory = every.stream().filter(q -> categories.get(q).equals(category)).toList();
      double others = IntStream.range(0, models.size()).filter(m -> m != best)
          .mapToDouble(m -> correct.accuracy(m, inCategory)).max().orElseThrow();
      double lead = correct.accuracy(best, inCategory) - others;
      assertThat(lead).as(category)
          .isCloseTo(DataLimits.number(expected, "router.lead." + category.replace(' ', '_')), within(1e-12));
      led += lead > 0 ? 1 : 0;
    }
    assertThat(led).isEqualTo(Integer.parseInt(expected.getProperty("router.categoriesLed"))).isEqualTo(12);

    RouterQuality hindsight = RouterQuality.of(correct, every, every, CategoryRouter.fit(correct, categories, every));
    assertThat(hindsight.singleBest()).isEqualTo(best);
    assertThat(hindsight.accuracy())
        .isCloseTo(DataLimits.number(expected, "router.categoryHindsight"), within(1e-12));
    double alwaysBest = RouterQuality.of(correct, every, every, q -> best).accuracy();
    assertThat(alwaysBest).isCloseTo(DataLimits.number(expected, "router.singleBest.overAll"), within(1e-12));
    assertThat(hindsight.accuracy() - alwaysBest).isBetween(0.01, 0.02);
  }
}
