package io.modelmap.eval.embedllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.math.embed.CorrectnessMatrix;
import io.modelmap.math.embed.SparseVector;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 4 models × 6 questions, worked by hand. Questions 0–3 train, 4 validation, 5 test; encodings in 3
 * buckets (unit vectors, so the dot product is the cosine):
 *
 * <pre>
 * q0 = (1, 0, 0)  q1 = (0.6, 0.8, 0)  q2 = (0, 1, 0)  q3 = (0, 0, 1)
 * q4 = (1, 0, 0):      similarities 1, 0.6, 0, 0      → nearest 0 | 0, 1, 2 (ties to the lower index)
 * q5 = (0, 0.6, 0.8):  similarities 0, 0.48, 0.6, 0.8 → nearest 3, 2, 1
 *
 * correct   q0 q1 q2 q3 | q4 | q5
 * m0         1  1  0  0 |  1 |  0
 * m1         0  0  1  1 |  0 |  1
 * m2         1  0  0 -1 |  0 |  1
 * m3         0  1  0  0 |  0 |  0
 * </pre>
 *
 * On q4 with k = 1 (q0's answers) the votes are 1, 0, 1, 0: m2 is wrong, 3 of 4 agree. With k = 3
 * (q0, q1, q2; right if at least half): m0 2/3 → 1, m1 1/3 → 0, m2 1/3 → 0, m3 1/3 → 0: 4 of 4 agree.
 * On q5 with k = 3 (q3, q2, q1): m0 1/3 → 0 ✓, m1 2/3 → 1 ✓, m2 0 of 2 known → 0 ✗, m3 1/3 → 0 ✓: 3/4.
 */
class KnnBaselineTest {
  private static final CorrectnessMatrix CORRECT = new CorrectnessMatrix(new int[][] {
      {1, 1, 0, 0, 1, 0}, {0, 0, 1, 1, 0, 1}, {1, 0, 0, -1, 0, 1}, {0, 1, 0, 0, 0, 0}});
  private static final List<SparseVector> ENCODED = List.of(vector(1, 0, 0), vector(0.6f, 0.8f, 0), vector(0, 1, 0),
      vector(0, 0, 1), vector(1, 0, 0), vector(0, 0.6f, 0.8f));
  private static final KnnBaseline KNN = KnnBaseline.of(3, ENCODED, List.of(0, 1, 2, 3));

  @Test
  void shouldChooseTheKThatAgreesBestOnValidation() {
    assertThat(CORRECT.agreement(List.of(4), KNN.predictions(CORRECT, 1))).isCloseTo(0.75, within(1e-12));
    assertThat(CORRECT.agreement(List.of(4), KNN.predictions(CORRECT, 3))).isCloseTo(1.0, within(1e-12));
    assertThat(KNN.chooseK(CORRECT, List.of(4), 1, 3)).isEqualTo(3);
  }

  @Test
  void shouldKeepTheFirstCandidateOnATie() {
    // on q4, k = 4 (every training question; m0 2/4 → 1 ✓, m1 2/4 → 1 ✗, m2 1 of 3 known → 0 ✓, m3 1/4 → 0 ✓)
    // agrees on 3 of 4, as k = 1 does
    assertThat(CORRECT.agreement(List.of(4), KNN.predictions(CORRECT, 4))).isCloseTo(0.75, within(1e-12));
    assertThat(KNN.chooseK(CORRECT, List.of(4), 4, 1)).isEqualTo(4);
    assertThat(KNN.chooseK(CORRECT, List.of(4), 1, 4)).isEqualTo(1);
  }

  @Test
  void shouldPredictTheTestQuestionByMajorityOfItsNearestTrainingQuestions() {
    assertThat(CORRECT.agreement(List.of(5), KNN.predictions(CORRECT, 3))).isCloseTo(0.75, within(1e-12));
  }

  @Test
  void shouldEncodeTextsInTwoToTheFourteenBucketsFittedOnTheTrainingTexts() {
    KnnBaseline fitted = KnnBaseline.fit(List.of("red apple", "green apple", "blue sky", "red sky"), List.of(0, 1, 2));

    assertThat(KnnBaseline.BITS).isEqualTo(14);
    assertThat(fitted.encoded()).hasSize(4);
    assertThat(fitted.encoded().stream().flatMapToInt(v -> java.util.Arrays.stream(v.indices())).max().orElseThrow())
        .isLessThan(1 << 14);
    assertThat(fitted.train()).containsExactly(0, 1, 2);
  }

  private static SparseVector vector(float... dense) {
    int nonZero = 0;
    for (float v : dense) {
      nonZero += v != 0 ? 1 : 0;
    }
    int[] indices = new int[nonZero];
    float[] values = new float[nonZero];
    for (int i = 0, at = 0; i < dense.length; i++) {
      if (dense[i] != 0) {
        indices[at] = i;
        values[at++] = dense[i];
      }
    }
    return new SparseVector(indices, values);
  }
}
