package io.modelmap.cli.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.cli.ModelMapCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * embedllm-eval's whole protocol with the default encoder (all-MiniLM-L6-v2) on a tiny table: 6 models ×
 * 60 questions in two subjects, models 0–2 right on the chemistry questions only, 3–5 on the poetry
 * questions only. A few seconds (the model loads once).
 */
class EmbedLlmEvalCommandTest {
  @TempDir
  Path dir;

  @Test
  void shouldRunTheProtocolOverTwoSeedsWithAllMiniLmAsTheDefaultEncoder() throws IOException {
    List<String> answers = new ArrayList<>(List.of("question_id,category,n_choices,gold_index,m0,m1,m2,m3,m4,m5"));
    List<String> items = new ArrayList<>();
    for (int q = 0; q < 60; q++) {
      boolean chemistry = q % 2 == 0;
      StringBuilder row = new StringBuilder("q" + q + "," + (chemistry ? "chemistry" : "poetry") + ",2,0");
      for (int m = 0; m < 6; m++) {
        row.append(',').append((m < 3) == chemistry ? 0 : 1); // gold is 0: right where the model knows the subject
      }
      answers.add(row.toString());
      String text = chemistry ? "What is the molar mass of compound number " + q + " in the reaction?"
          : "Which poet wrote sonnet number " + q + " about the sea?";
      items.add("{\"id\": \"q" + q + "\", \"question\": \"" + text + "\", \"choices\": [\"yes\", \"no\"], \"answer\": 0,"
          + " \"subject\": \"" + (chemistry ? "chemistry" : "poetry") + "\"}");
    }
    Path answersFile = Files.write(dir.resolve("answers.csv"), answers);
    Path itemsFile = Files.write(dir.resolve("items.jsonl"), items);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      exit = ModelMapCli.commandLine().execute("embedllm-eval", "--answers", answersFile.toString(), "--items",
          itemsFile.toString(), "--epochs", "2", "--fold-in-models", "1", "--seeds", "2");
    } finally {
      System.setOut(original);
    }
    String printed = out.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(printed).isZero();
    assertThat(printed).contains("6 models × 60 questions").contains("encoded the questions with minilm")
        .contains("question encoding: minilm, 384 dimensions")
        .contains("correctness accuracy on the test questions").contains("router accuracy").contains("fold-in")
        .contains("dimension 16, seed 1").contains("dimension 16, seed 2").contains("over seeds");
  }
}
