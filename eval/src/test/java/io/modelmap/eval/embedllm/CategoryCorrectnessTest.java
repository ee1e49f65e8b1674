package io.modelmap.eval.embedllm;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.math.embed.CorrectnessMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class CategoryCorrectnessTest {
  // questions 0-3 "law", 4-7 "math", 8 "poetry"; train = 0,1,2,4,5,6
  private static final List<String> CATEGORIES = List.of("law", "law", "law", "law", "math", "math", "math", "math",
      "poetry");
  private static final CorrectnessMatrix CORRECT = new CorrectnessMatrix(new int[][] {
      {1, 1, 0, 0, 0, 0, 0, 0, 0},  // model 0: law 2/3 on training, math 0/3, overall 2/6
      {1, 0, 0, 1, 1, 1, 0, 1, 1},  // model 1: law 1/3, math 2/3, overall 3/6 (exactly 1/2)
  });

  @Test
  void shouldPredictRightWhereTheModelsTrainingAccuracyOnTheCategoryIsAtLeastHalf() {
    CorrectnessMatrix.Prediction predict = CategoryCorrectness.fit(CORRECT, CATEGORIES, List.of(0, 1, 2, 4, 5, 6));

    assertThat(predict.right(0, 3)).isTrue();   // law 2/3
    assertThat(predict.right(0, 7)).isFalse();  // math 0/3
    assertThat(predict.right(1, 3)).isFalse();  // law 1/3
    assertThat(predict.right(1, 7)).isTrue();   // math 2/3
    assertThat(predict.right(0, 8)).isFalse();  // poetry unseen: overall 2/6
    assertThat(predict.right(1, 8)).isTrue();   // poetry unseen: overall 3/6, at least one half
    // on questions 3, 7, 8: model 0 predicted right, wrong, wrong and was wrong on all three (2 of 3
    // agree); model 1 predicted wrong, right, right and was right on all three (2 of 3): 4 of 6
    assertThat(CORRECT.agreement(List.of(3, 7, 8), predict)).isEqualTo(4.0 / 6);
  }
}
