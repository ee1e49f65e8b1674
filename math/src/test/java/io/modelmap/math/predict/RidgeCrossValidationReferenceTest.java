package io.modelmap.math.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RidgeCrossValidation} and {@link GroupedFolds} against an independent reference: scikit-learn's
 * primal {@code Ridge} on the coordinates Q (the Java side sees only their squared distances), its
 * {@code GroupKFold}, and the nested α search, written in {@code src/test/python/ridge_grouped_reference.py}.
 * The fixture's group sizes are all different, so GroupKFold's folds are fully determined: the test first
 * checks GroupedFolds reproduces them (outer and every inner split), so the predictions compare only the
 * ridge arithmetic, to 1e-9.
 *
 * <p>Regenerate the fixture (needs Debian's {@code python3-sklearn}; CI reads the committed file):
 * {@code /usr/bin/python3 math/src/test/python/ridge_grouped_reference.py >
 * math/src/test/resources/data/ridge-grouped/reference.json}
 */
class RidgeCrossValidationReferenceTest {
  private static Reference ref;

  /** The fixture as the script writes it. */
  record Reference(String generator, int folds, List<String> groups, double[] y, double[][] squaredDistances,
      int[] outerFolds, int[][] innerFolds, double[] alphas, double[] outOfFold, double fitAllAlpha,
      double[][] newSquaredDistances, double[] newPredictions, List<String> tiedGroups, int tiedFolds,
      int[] tiedFoldSizes) {}

  @BeforeAll
  static void read() throws IOException {
    try (InputStream in = RidgeCrossValidationReferenceTest.class.getResourceAsStream(
        "/data/ridge-grouped/reference.json")) {
      ref = new ObjectMapper().readValue(in, Reference.class);
    }
  }

  @Test
  void shouldSplitExactlyAsGroupKFoldWhenNoTwoGroupsHaveTheSameSize() {
    assertThat(GroupedFolds.assign(ref.groups(), ref.folds())).containsExactly(ref.outerFolds());
    for (int fold = 0; fold < ref.innerFolds().length; fold++) {
      List<String> trainGroups = new ArrayList<>();
      for (int i = 0; i < ref.groups().size(); i++) {
        if (ref.outerFolds()[i] != fold) {
          trainGroups.add(ref.groups().get(i));
        }
      }
      assertThat(GroupedFolds.assign(trainGroups, ref.folds())).as("inner folds of outer fold %d", fold)
          .containsExactly(ref.innerFolds()[fold]);
    }
  }

  /** With ties GroupKFold's order among equal groups is open, but the fold sizes are not: they must agree. */
  @Test
  void shouldReachGroupKFoldsFoldSizesWhenGroupsTie() {
    int[] fold = GroupedFolds.assign(ref.tiedGroups(), ref.tiedFolds());
    int[] sizes = new int[GroupedFolds.count(fold)];
    for (int f : fold) {
      sizes[f]++;
    }
    Arrays.sort(sizes);
    assertThat(sizes).containsExactly(ref.tiedFoldSizes());
  }

  @Test
  void shouldChooseTheSameAlphaInEveryFoldAndPredictAsScikitLearnRidge() {
    RidgeCrossValidation.OutOfFold held = RidgeCrossValidation.outOfFold(ref.squaredDistances(), ref.y(),
        ref.groups(), ref.folds());
    assertThat(held.folds()).containsExactly(ref.outerFolds());
    for (int fold = 0; fold < ref.alphas().length; fold++) {
      assertThat(held.alphas()[fold]).as("α of fold %d", fold)
          .isCloseTo(ref.alphas()[fold], within(1e-9 * ref.alphas()[fold]));
    }
    for (int i = 0; i < ref.y().length; i++) {
      assertThat(held.outOfFold()[i]).as("out-of-fold prediction of model %d", i)
          .isCloseTo(ref.outOfFold()[i], within(1e-9));
    }
  }

  @Test
  void shouldFitEveryModelWithTheAlphaOfTheGroupedSearchAndPredictNewModelsAsScikitLearnRidge() {
    RidgeCrossValidation.Fit all = RidgeCrossValidation.fitAll(ref.squaredDistances(), ref.y(), ref.groups(),
        ref.folds());
    assertThat(all.alpha()).isCloseTo(ref.fitAllAlpha(), within(1e-9 * ref.fitAllAlpha()));
    for (int j = 0; j < ref.newPredictions().length; j++) {
      assertThat(all.ridge().predict(ref.newSquaredDistances()[j])).as("new model %d", j)
          .isCloseTo(ref.newPredictions()[j], within(1e-9));
    }
  }
}
