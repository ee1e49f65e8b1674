package io.modelmap.eval.embedllm;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.math.embed.CorrectnessMatrix;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

class CategoryRouterTest {
  // questions 0-3 "law", 4-7 "math"; train = 0,1,2,4,5,6; 3 and 7 are routed
  private static final List<String> CATEGORIES = List.of("law", "law", "law", "law", "math", "math", "math", "math",
      "poetry");
  private static final CorrectnessMatrix CORRECT = new CorrectnessMatrix(new int[][] {
      {1, 1, 0, 0, 0, 0, 0, 0, 0},  // model 0: law 2/3 on training, math 0/3, overall 2/6
      {0, 1, 1, 1, 1, 0, 0, 1, 1},  // model 1: law 2/3 (tie with 0), math 1/3, overall 3/6
      {0, 0, 0, 0, 1, 1, -1, 1, 0}, // model 2: law 0/3, math 2/2 (one unanswered), overall 2/5
  });

  @Test
  void shouldRouteEachQuestionToTheBestModelOnItsCategorysTrainingQuestions() {
    IntUnaryOperator route = CategoryRouter.fit(CORRECT, CATEGORIES, List.of(0, 1, 2, 4, 5, 6));

    assertThat(route.applyAsInt(3)).isEqualTo(0);  // law: models 0 and 1 tie at 2/3; the lower index
    assertThat(route.applyAsInt(7)).isEqualTo(2);  // math: model 2's 2/2 beats model 1's 1/3
    assertThat(route.applyAsInt(8)).isEqualTo(1);  // poetry has no training question: the best overall (3/6)
  }
}
