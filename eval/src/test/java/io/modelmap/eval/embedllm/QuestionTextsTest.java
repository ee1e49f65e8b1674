package io.modelmap.eval.embedllm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuestionTextsTest {
  @Test
  void shouldJoinTheQuestionAndEachChoiceOnItsOwnLine() {
    Map<String, String> texts = QuestionTexts.byItemId(List.of(Items.item("q1", "2 + 2?", 1, null, "3", "4"),
        Items.item("q2", "Sky?", 0, "x", "blue", "green", "red")));

    assertThat(texts).containsExactlyInAnyOrderEntriesOf(Map.of("q1", "2 + 2?\n3\n4", "q2", "Sky?\nblue\ngreen\nred"));
  }
}
