package io.modelmap.formats.benchmark;

import io.modelmap.formats.BadInputFile;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswerTableReaderTest {
  @TempDir
  Path dir;

  @Test
  void keepsUnreadableAnswersLeavesOutEmptyCellsRecodesMissingOptionsAndReportsBadCells() throws Exception {
    Path file = dir.resolve("answers.csv");
    Files.writeString(file, String.join("\n",
        "question_id,category,n_choices,gold_index,m1,m2,m3",
        "1,math,4,2,2,-1,",
        "2,law,3,0,0,5,1",  
        "3,law,1,0,0,0,0",
        "1,math,4,2,2,2,2",
        "4,bio,10,9,9,x,-1",
        ""));

    AnswerTable table = AnswerTableReader.read(file, "mmlu-pro");

    assertThat(table.items()).extracting(i -> i.getItemId().toString()).containsExactly("1", "2", "4");
    assertThat(table.items().get(2).getChoices()).hasSize(10);
    assertThat(table.items().get(0).getSubject()).hasToString("math");
    assertThat(table.answersByModel().get("m1")).hasSize(3);
    assertThat(table.answersByModel().get("m2")).extracting(a -> a.getChosenIndex()).containsExactly(-1, -1);
    assertThat(table.answersByModel().get("m3")).extracting(a -> a.getChosenIndex()).containsExactly(1, -1);
    assertThat(table.recoded()).singleElement().asString().startsWith("answers.csv line 3:")
        .contains("answer 5 of m2 names no option of 3");
    assertThat(table.problems()).hasSize(3)
        .anySatisfy(p -> assertThat(p).startsWith("answers.csv line 4:").contains("n_choices"))
        .anySatisfy(p -> assertThat(p).startsWith("answers.csv line 5:").contains("repeats question_id 1"))
        .anySatisfy(p -> assertThat(p).startsWith("answers.csv line 6:").contains("'x' of m2"));
    assertThat(table.sharedItemsByPair()).containsEntry("m1/m2", 2L).containsEntry("m1/m3", 2L)
        .containsEntry("m2/m3", 1L);
  }

  @Test
  void readsRealModelIdsAndQuestionIdsAndRefusesAWrongHeader() throws Exception {
    Path file = dir.resolve("mmlu-pro-answers.csv");
    Files.writeString(file, String.join("\n",
        "question_id,category,n_choices,gold_index,meta-llama/Llama-3.2-1B,\"acme/mix 50%, v2\"",
        "\"q 70, \"\"Größe\"\"\",physics,10,3,3,9",
        "q71,law,4,0,,x",
        ""));

    AnswerTable table = AnswerTableReader.read(file, "mmlu-pro");

    assertThat(table.items()).extracting(i -> i.getItemId().toString()).containsExactly("q 70, \"Größe\"", "q71");
    assertThat(table.items().get(0).getChoices()).containsExactly("A", "B", "C", "D", "E", "F", "G", "H", "I", "J");
    assertThat(table.answersByModel().get("meta-llama/Llama-3.2-1B")).extracting(a -> a.getChosenIndex())
        .containsExactly(3);
    assertThat(table.answersByModel().get("acme/mix 50%, v2")).extracting(a -> a.getChosenIndex()).containsExactly(9);
    assertThat(table.problems()).containsExactly("mmlu-pro-answers.csv line 3: answer 'x' of acme/mix 50%, v2 is not -1"
        + " or a choice 0..3; cell skipped");

    Files.writeString(file, "question_id,n_choices,gold_index,m1\n1,4,2,2\n");
    assertThatThrownBy(() -> AnswerTableReader.read(file, "mmlu-pro")).isInstanceOf(BadInputFile.class)
        .hasMessageStartingWith(file + ": the header must be question_id,category,n_choices,gold_index,<model>,...");
  }
}
