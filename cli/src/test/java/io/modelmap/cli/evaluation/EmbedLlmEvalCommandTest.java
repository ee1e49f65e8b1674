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
    writeTable();
    Run run = run("--epochs", "2", "--fold-in-models", "1", "--seeds", "2");
    String printed = run.out();

    assertThat(run.exit()).as(printed).isZero();
    assertThat(printed).contains("6 models × 60 questions").contains("encoded the questions with minilm")
        .contains("question encoding: minilm, 384 dimensions")
        .contains("correctness accuracy on the test questions").contains("router accuracy").contains("fold-in")
        .contains("dimension 16, seed 1").contains("dimension 16, seed 2").contains("over seeds");
  }

  /**
   * The second run reads all 60 vectors from the cache; the category router sends chemistry to models 0–2
   * and poetry to 3–5, right on every test question, and a model's accuracy on the question's category
   * (1 or 0) predicts every answer (both 1.0000 by construction); with two dimensions the
   * seed's validation questions choose one.
   */
  @Test
  void shouldReuseTheEncodingCacheAndChooseTheDimensionOnValidation() throws IOException {
    writeTable();
    Path cache = dir.resolve("minilm.cache");
    Run first = run("--epochs", "2", "--fold-in-models", "0", "--encoding-cache", cache.toString());
    Run second = run("--epochs", "2", "--fold-in-models", "0", "--dimension", "2,4",
        "--encoding-cache", cache.toString());

    assertThat(first.exit()).as(first.out() + first.err()).isZero();
    assertThat(first.out()).contains("0 of the questions' vectors there");
    assertThat(second.exit()).as(second.out() + second.err()).isZero();
    assertThat(second.out()).contains("60 of the questions' vectors there")
        .contains("each question to the best model on its category's training questions 1.0000")
        .contains("on the question's category 1.0000")
        .contains("on the validation questions (to choose the dimension)")
        .contains("the dimension chosen on each seed's validation questions").contains("chosen dimensions");
  }

  @Test
  void shouldRefuseInOneLineAnEncodingCacheOfAnotherEncoder() throws IOException {
    writeTable();
    Path cache = dir.resolve("mpnet.cache");
    io.modelmap.eval.embedllm.EncodingCache.open(cache, "all-mpnet-base-v2", 384).save();

    Run run = run("--encoding-cache", cache.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().strip()).doesNotContain("\n").contains("--encoding-cache " + cache
        + " holds vectors of all-mpnet-base-v2 (384 dimensions), not of all-MiniLM-L6-v2 sha256:");
    assertThat(run.err().strip().lines()).hasSize(1);
  }

  private void writeTable() throws IOException {
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
    Files.write(dir.resolve("answers.csv"), answers);
    Files.write(dir.resolve("items.jsonl"), items);
  }

  private record Run(int exit, String out, String err) {}

  private Run run(String... options) {
    List<String> args = new ArrayList<>(List.of("embedllm-eval", "--answers", dir.resolve("answers.csv").toString(),
        "--items", dir.resolve("items.jsonl").toString()));
    args.addAll(List.of(options));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = ModelMapCli.commandLine().execute(args.toArray(String[]::new));
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }
}
