package io.modelmap.eval.embedllm;

import io.modelmap.math.embed.CorrectnessMatrix;
import io.modelmap.formats.benchmark.AnswerTable;
import io.modelmap.schemas.avro.McAnswer;
import io.modelmap.schemas.avro.McItem;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** EmbedLLM's correctness matrix from an answer table: 1 where a model chose the gold answer, 0 otherwise. */
public final class CorrectnessTable {
  private CorrectnessTable() {}

  /**
   * Rows in the order of {@code models}, columns in the order of {@code questions}. A question the model
   * has no answer to is −1 (not asked); an unreadable answer (chosen index −1) counts as wrong; answers to
   * questions not in {@code questions} are ignored.
   */
  public static CorrectnessMatrix of(AnswerTable table, List<McItem> questions, List<String> models) {
    Map<String, Integer> index = new HashMap<>();
    for (int q = 0; q < questions.size(); q++) {
      index.put(questions.get(q).getItemId().toString(), q);
    }
    int[][] cells = new int[models.size()][questions.size()];
    for (int m = 0; m < models.size(); m++) {
      Arrays.fill(cells[m], -1);
      for (McAnswer a : table.answersByModel().get(models.get(m))) {
        Integer q = index.get(a.getItemId().toString());
        if (q != null) { // an unreadable answer (−1) is wrong
          cells[m][q] = a.getChosenIndex() == questions.get(q).getGoldIndex() ? 1 : 0;
        }
      }
    }
    return new CorrectnessMatrix(cells);
  }
}
