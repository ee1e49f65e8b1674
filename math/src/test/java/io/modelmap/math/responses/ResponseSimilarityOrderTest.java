package io.modelmap.math.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResponseSimilarityOrderTest {
  private record Response(String model, String prompt, String text) {}

  @Test
  void twoArrivalOrdersGiveIdenticalMeans() {
    Random random = new Random(4);
    String[] words = {"the", "answer", "is", "because", "energy", "conserved", "momentum", "therefore", "option", "b"};
    List<Response> responses = new ArrayList<>();
    for (String model : List.of("org/base", "org/base-instruct", "other/model", "third/one")) {
      for (int p = 0; p < 40; p++) {
        if (random.nextDouble() < 0.85) { // not every model answers every prompt
          StringBuilder text = new StringBuilder();
          for (int w = 0; w < 30; w++) {
            text.append(words[random.nextInt(words.length)]).append(' ');
          }
          responses.add(new Response(model, "q" + p, text.toString()));
        }
      }
    }
    ResponseSimilarity first = of(responses);
    List<Response> shuffled = new ArrayList<>(responses);
    Collections.shuffle(shuffled, new Random(8));
    ResponseSimilarity second = of(shuffled);
    assertThat(second.pairs().keySet()).isEqualTo(first.pairs().keySet()).hasSize(6);
    first.pairs().forEach((pair, sums) -> {
      assertThat(second.pairs().get(pair).prompts()).isEqualTo(sums.prompts());
      assertThat(second.pairs().get(pair).means()).as("%s", pair).isEqualTo(sums.means()); // exactly, not nearly
    });
    // the means are the mean of the per-prompt values, computed here directly
    var pair = ResponseSimilarity.ModelPair.of("org/base", "third/one");
    double sum = 0;
    int n = 0;
    for (Response a : responses) {
      for (Response b : responses) {
        if (a.model().equals("org/base") && b.model().equals("third/one") && a.prompt().equals(b.prompt())) {
          sum += Rouge.l(RougeTokens.of(a.text(), true), RougeTokens.of(b.text(), true)).f1();
          n++;
        }
      }
    }
    assertThat(first.pairs().get(pair).prompts()).isEqualTo(n);
    assertThat(first.pairs().get(pair).means().rougeL()).isCloseTo(sum / n, within(1e-11));
  }

  @Test
  void bleuIsAveragedOverBothDirectionsSoThePairIsSymmetric() {
    var a = ResponsePair.Tokens.of("the cat sat on the mat today");
    var b = ResponsePair.Tokens.of("the cat is on the mat");
    assertThat(ResponsePair.of(a, b)).isEqualTo(ResponsePair.of(b, a));
    assertThat(ResponsePair.of(a, b).bleu()).isCloseTo((SentenceBleu.of(a.plain(), b.plain())
        + SentenceBleu.of(b.plain(), a.plain())) / 2, within(1e-15));
  }

  private static ResponseSimilarity of(List<Response> responses) {
    ResponseSimilarity s = new ResponseSimilarity();
    responses.forEach(r -> s.add(r.model(), r.prompt(), r.text()));
    return s;
  }
}
