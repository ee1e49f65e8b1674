package io.modelmap.math.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EmbedLlmTest {
  @Test
  void theEncoderStemsHashesAndNormalises() {
    // Lucene's English stop set is short: "were" stays
    assertThat(HashedTfIdfEncoder.stems("The runners were running quickly; naïve café")).containsExactly("runner", "were",
        "run", "quickli", "naïv", "café");
    List<String> texts = List.of("a cat sat on a mat", "the cat ran", "dogs bark at the cat");
    HashedTfIdfEncoder encoder = HashedTfIdfEncoder.fit(texts, 12);
    SparseVector v = encoder.encode("the cat sat");
    double norm = 0;
    for (float x : v.values()) {
      norm += x * x;
    }
    assertThat(norm).isCloseTo(1, within(1e-6));
    assertThat(v.dot(encoder.encode("the cat sat"))).isCloseTo(1, within(1e-6));
    // "cat" is in every text: idf = ln(4/4) + 1 = 1; "sat" in one: ln(4/2) + 1
    SparseVector cat = encoder.encode("cat");
    SparseVector sat = encoder.encode("sat");
    assertThat(encoder.idf(cat.indices()[0])).isCloseTo(1f, within(1e-6f));
    assertThat(encoder.idf(sat.indices()[0])).isCloseTo((float) (Math.log(2) + 1), within(1e-6f));
  }

  @Test
  void foldInReachesTheOptimumOfItsPenalisedLikelihood() {
    Random random = new Random(3);
    double[] truth = {1.5, -2.0, 0.5};
    List<double[]> features = new ArrayList<>();
    boolean[] correct = new boolean[400];
    for (int q = 0; q < correct.length; q++) {
      double[] f = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      features.add(f);
      double z = 0.2 + truth[0] * f[0] + truth[1] * f[1] + truth[2] * f[2];
      correct[q] = random.nextDouble() < 1 / (1 + Math.exp(-z));
    }
    double lambda = 0.5;
    double[] e = FoldIn.embedding(features, correct, 0.2, lambda);
    // the gradient of Σ BCE + λ/2 ‖e‖², computed here, vanishes at the optimum
    double[] gradient = {lambda * e[0], lambda * e[1], lambda * e[2]};
    for (int q = 0; q < correct.length; q++) {
      double[] f = features.get(q);
      double p = 1 / (1 + Math.exp(-(0.2 + e[0] * f[0] + e[1] * f[1] + e[2] * f[2])));
      for (int k = 0; k < 3; k++) {
        gradient[k] += (p - (correct[q] ? 1 : 0)) * f[k];
      }
    }
    assertThat(gradient).containsExactly(new double[] {0, 0, 0}, within(1e-8));
    for (int k = 0; k < 3; k++) {
      assertThat(e[k]).as("near the embedding that made the answers").isCloseTo(truth[k], within(0.5));
    }
  }

  @Test
  void embeddingsLearnWhichModelsAnswerWhichQuestions() {
    // 6 models, 300 questions of two kinds: models 0–2 answer kind "alpha" right, 3–5 kind "beta"
    Random random = new Random(9);
    List<String> texts = new ArrayList<>();
    List<Correctness> train = new ArrayList<>();
    List<Correctness> test = new ArrayList<>();
    for (int q = 0; q < 300; q++) {
      boolean alpha = q % 2 == 0;
      texts.add(alpha ? "integral derivative calculus limit" : "verb noun grammar sentence");
      for (int m = 0; m < 6; m++) {
        boolean right = (m < 3) == alpha ? random.nextDouble() < 0.9 : random.nextDouble() < 0.1;
        (q < 240 ? train : test).add(new Correctness(m, q, right));
      }
    }
    HashedTfIdfEncoder encoder = HashedTfIdfEncoder.fit(texts.subList(0, 240), 10);
    List<SparseVector> encoded = texts.stream().map(encoder::encode).toList();
    EmbedLlm model = EmbedLlm.fit(6, encoder, encoded, train, new EmbedLlm.Settings(4, 30, 32, 1e-2, 0, 1));
    long right = test.stream().filter(c -> (model.probability(model.embedding(c.model()),
        model.features(model.project(encoded.get(c.question())))) >= 0.5) == c.correct()).count();
    assertThat((double) right / test.size()).as("the truth is 90 %% predictable; chance 50 %%").isGreaterThan(0.8);

    // the frozen question side and encoder survive a round trip through bytes: the same probabilities
    var bytes = new java.io.ByteArrayOutputStream();
    try (var out = new java.io.DataOutputStream(bytes)) {
      encoder.write(out);
      model.questionSide().write(out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    try (var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      HashedTfIdfEncoder readEncoder = HashedTfIdfEncoder.read(in);
      QuestionSide side = QuestionSide.read(in);
      String question = "a limit of a derivative";
      assertThat(side.probability(model.embedding(4), side.features(readEncoder.encode(question))))
          .isEqualTo(model.probability(model.embedding(4), model.features(model.project(encoder.encode(question)))));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void knnVotesOverTheNearestTrainingQuestions() {
    List<String> texts = List.of("apple banana", "apple cherry", "zebra lion", "zebra tiger");
    HashedTfIdfEncoder encoder = HashedTfIdfEncoder.fit(texts, 10);
    KnnCorrectness knn = new KnnCorrectness(encoder.dimension(), texts.stream().map(encoder::encode).toList());
    int[] near = knn.neighbours(encoder.encode("apple"), 2);
    assertThat(near).containsExactlyInAnyOrder(0, 1);
    assertThat(KnnCorrectness.vote(near, new int[] {1, 0, 0, 0}, false)).as("a tie goes to right").isTrue();
    assertThat(KnnCorrectness.vote(near, new int[] {0, 0, 1, 1}, true)).isFalse();
    assertThat(KnnCorrectness.vote(near, new int[] {-1, -1, 1, 1}, false)).as("none answered: the fallback").isFalse();
  }
}
