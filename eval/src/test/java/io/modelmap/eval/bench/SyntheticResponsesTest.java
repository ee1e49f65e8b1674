package io.modelmap.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.formats.responses.ResponseFiles.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticResponsesTest {
  private static final List<Response> REAL = List.of(
      new Response("a", "p1", "the cat sat on the mat today"), new Response("b", "p1", "a dog ran in the park"),
      new Response("a", "p2", "one two three four five six"), new Response("b", "p2", "red green blue"),
      new Response("a", "p3", "never used"));

  @Test
  void shouldAnswerTheFirstPromptsWithEveryModel() {
    List<Response> synthetic = SyntheticResponses.of(REAL, 3, 2);

    assertThat(synthetic).hasSize(6);
    assertThat(synthetic).extracting(Response::promptId).containsExactly("p1", "p1", "p1", "p2", "p2", "p2");
    assertThat(synthetic).extracting(Response::modelId).containsExactly("synthetic/model-0", "synthetic/model-1",
        "synthetic/model-2", "synthetic/model-0", "synthetic/model-1", "synthetic/model-2");
  }

  @Test
  void shouldKeepOnlyWordsOfTheRealResponseOfModelMModuloK() {
    List<Response> synthetic = SyntheticResponses.of(REAL, 3, 2);

    // model m takes real model (m mod 2)'s response: models 0 and 2 take a's, model 1 b's
    String[] sources = {"the cat sat on the mat today", "a dog ran in the park", "the cat sat on the mat today",
        "one two three four five six", "red green blue", "one two three four five six"};
    for (int i = 0; i < synthetic.size(); i++) {
      List<String> left = new ArrayList<>(Arrays.asList(sources[i].split(" ")));
      for (String word : synthetic.get(i).text().split(" ")) {
        if (!word.isEmpty()) {
          assertThat(left.remove(word)).as("%s: word %s from its source", synthetic.get(i), word).isTrue();
        }
      }
    }
  }

  @Test
  void shouldBeTheSameOnEveryRun() {
    assertThat(SyntheticResponses.of(REAL, 4, 3)).isEqualTo(SyntheticResponses.of(REAL, 4, 3));
  }
}
