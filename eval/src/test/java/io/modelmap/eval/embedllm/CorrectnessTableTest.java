package io.modelmap.eval.embedllm;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.math.embed.CorrectnessMatrix;
import io.modelmap.formats.benchmark.AnswerTable;
import io.modelmap.schemas.avro.McItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorrectnessTableTest {
  @Test
  void shouldMarkGoldAnswersRightOthersWrongAndMissingOnesNotAsked() {
    // gold: q1 → 0, q2 → 1, q3 → 2
    List<McItem> questions = List.of(Items.item("q1", "?", 0, null, "a", "b", "c"),
        Items.item("q2", "?", 1, null, "a", "b", "c"), Items.item("q3", "?", 2, null, "a", "b", "c"));
    Map<String, List<io.modelmap.schemas.avro.McAnswer>> answers = new LinkedHashMap<>();
    // m1: right, wrong, unreadable (−1 counts as wrong); m2: q2 right, no q1, an answer to an unknown item
    answers.put("m1", List.of(Items.answer("q1", 0), Items.answer("q2", 2), Items.answer("q3", -1)));
    answers.put("m2", List.of(Items.answer("q2", 1), Items.answer("q9", 0), Items.answer("q3", 2)));
    AnswerTable table = new AnswerTable(questions, answers, List.of(), List.of());

    CorrectnessMatrix correct = CorrectnessTable.of(table, questions, List.of("m2", "m1"));

    assertThat(correct.cells()).isDeepEqualTo(new int[][] {{-1, 1, 1}, {1, 0, 0}});
  }
}
