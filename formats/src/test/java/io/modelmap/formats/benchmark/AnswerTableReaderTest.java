package io.modelmap.formats.benchmark;

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
}
