package io.modelmap.eval.embedllm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class QuestionSplitTest {
  @Test
  void shouldSplitEightyTenTenRoundingTheBoundariesDown() {
    // 10 → 8 | 9 − 8 = 1 | 1; 6 → ⌊4.8⌋ = 4 | ⌊5.4⌋ − 4 = 1 | 1; 25 → 20 | ⌊22.5⌋ − 20 = 2 | 3; 1 → 0 | 0 | 1
    assertThat(sizes(QuestionSplit.shuffled(10, 1))).containsExactly(8, 1, 1);
    assertThat(sizes(QuestionSplit.shuffled(6, 1))).containsExactly(4, 1, 1);
    assertThat(sizes(QuestionSplit.shuffled(25, 1))).containsExactly(20, 2, 3);
    assertThat(sizes(QuestionSplit.shuffled(1, 1))).containsExactly(0, 0, 1);
  }

  @Test
  void shouldCutTheSeededShuffleInOrder() {
    List<Integer> order = new ArrayList<>(IntStream.range(0, 20).boxed().toList());
    Collections.shuffle(order, new Random(7));

    QuestionSplit split = QuestionSplit.shuffled(20, 7);

    assertThat(split.train()).isEqualTo(order.subList(0, 16));
    assertThat(split.validation()).isEqualTo(order.subList(16, 18));
    assertThat(split.test()).isEqualTo(order.subList(18, 20));
  }

  @Test
  void shouldUseEveryQuestionOnce() {
    QuestionSplit split = QuestionSplit.shuffled(37, 3);
    List<Integer> all = new ArrayList<>(split.train());
    all.addAll(split.validation());
    all.addAll(split.test());

    assertThat(all).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 37).boxed().toList());
  }

  private static List<Integer> sizes(QuestionSplit split) {
    return List.of(split.train().size(), split.validation().size(), split.test().size());
  }
}
