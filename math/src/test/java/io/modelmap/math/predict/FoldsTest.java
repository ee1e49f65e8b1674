package io.modelmap.math.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Folds} and {@link GroupedFolds}: folds worked out by hand, and the invariants they promise. */
class FoldsTest {
  private static final Map<String, String> FAMILY = new HashMap<>(Map.of("m1", "llama", "m2", "llama", "m3", "llama",
      "m4", "qwen", "m5", "qwen", "m6", "mistral"));

  /**
   * By hand, 3 folds: groups llama (3), qwen (2), then the single ones by name: m8 ('8' sorts before 'i'),
   * mistral, org (org/m7's organisation). llama → fold 0 (sizes 3,0,0); qwen → 1 (3,2,0); m8 → 2 (3,2,1);
   * mistral → 2, the smallest (3,2,2); org → 1, the first of the two smallest (3,3,2).
   */
  @Test
  void shouldGroupByFamilyWhereKnownAndByOrganisationElse() {
    List<String> models = List.of("m1", "m2", "m3", "m4", "m5", "m6", "org/m7", "m8");
    Folds folds = Folds.ofModels(models, FAMILY::get, "family", 3);
    assertThat(folds.fold()).containsExactly(0, 0, 0, 1, 1, 2, 1, 2);
    assertThat(folds.count()).isEqualTo(3);
    assertThat(folds.groupedBy()).isEqualTo("family, else organisation");
    assertThat(folds.members(1, true)).containsExactly(3, 4, 6);
    assertThat(folds.members(1, false)).containsExactly(0, 1, 2, 5, 7);
  }

  @Test
  void shouldSayWhetherEveryFamilyOrNoneWasKnown() {
    assertThat(Folds.ofModels(List.of("m1", "m4", "m6"), FAMILY::get, "family", 5).groupedBy()).isEqualTo("family");
    Folds none = Folds.ofModels(List.of("a/x", "a/y", "b/x", "c"), m -> null, "family", 2);
    assertThat(none.groupedBy()).isEqualTo("organisation");
    // a (2) → fold 0; b, c (1 each, by name) → fold 1, then fold 1 again (sizes 2,1 → 2,2)
    assertThat(none.fold()).containsExactly(0, 0, 1, 1);
  }

  /** One family only: each model alone (by name: m1, m2, m3 round the 2 folds), and the record says so. */
  @Test
  void shouldSplitByModelWhenEveryModelIsInOneGroup() {
    Folds one = Folds.ofModels(List.of("m3", "m1", "m2"), FAMILY::get, "family", 2);
    assertThat(one.groupedBy()).isEqualTo("model");
    assertThat(one.fold()).containsExactly(0, 0, 1);
  }

  /** A blank family counts as unknown, as model-registered sends an empty string for "not given". */
  @Test
  void shouldTreatABlankGroupAsUnknown() {
    assertThat(Folds.groupOf("org/x", " ")).isEqualTo("org");
    assertThat(Folds.groupOf("x", null)).isEqualTo("x");
    assertThat(Folds.groupOf("org/x", "llama")).isEqualTo("llama");
  }

  /** Fewer groups than folds: one fold per group; a single group cannot be cross-validated. */
  @Test
  void shouldUseNoMoreFoldsThanGroups() {
    Folds two = Folds.ofModels(List.of("m1", "m2", "m4"), FAMILY::get, "family", 5);
    assertThat(two.count()).isEqualTo(2);
    assertThat(two.fold()).containsExactly(0, 0, 1);
    assertThatThrownBy(() -> GroupedFolds.assign(List.of("llama", "llama"), 5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 groups");
    assertThatThrownBy(() -> GroupedFolds.assign(List.of("a", "b"), 1)).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Scores each alone: position p of the seed's shuffle goes to fold p mod k (the shuffle CPP's streamed
   * quality used before the one splitter, so its folds are unchanged); 7 scores in 3 folds: sizes 3, 2, 2.
   */
  @Test
  void shouldDealShuffledScoresRoundTheFolds() {
    Folds folds = Folds.ofScores(7, 3, 1);
    List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6));
    Collections.shuffle(order, new Random(1));
    for (int p = 0; p < 7; p++) {
      assertThat(folds.fold()[order.get(p)]).as("position %d", p).isEqualTo(p % 3);
    }
    assertThat(folds.members(0, true)).hasSize(3);
    assertThat(folds.members(1, true)).hasSize(2);
    assertThat(folds.members(2, true)).hasSize(2);
    assertThat(folds.groupedBy()).isEqualTo("scores");
    assertThat(Folds.ofScores(7, 3, 1).fold()).containsExactly(folds.fold());
    // 12 scores have 12!/(4!)^3 = 34,650 splits; two seeds agreeing on all would be a broken seed
    assertThat(Folds.ofScores(12, 3, 2).fold()).isNotEqualTo(Folds.ofScores(12, 3, 1).fold());
  }

  /** Over many random groupings: no group in two folds, and fold sizes differ by at most the largest group. */
  @Test
  void shouldNeverSplitAGroupAndKeepFoldsBalanced() {
    Random random = new Random(7);
    for (int trial = 0; trial < 500; trial++) {
      int models = 2 + random.nextInt(40);
      int k = 2 + random.nextInt(6);
      List<String> groups = new ArrayList<>();
      for (int i = 0; i < models; i++) {
        groups.add("g" + random.nextInt(1 + random.nextInt(12)));
      }
      if (groups.stream().distinct().count() < 2) {
        continue;
      }
      int[] fold = GroupedFolds.assign(groups, k);
      Map<String, Integer> foldOfGroup = new HashMap<>();
      Map<String, Integer> sizeOfGroup = new HashMap<>();
      int[] sizes = new int[GroupedFolds.count(fold)];
      for (int i = 0; i < models; i++) {
        Integer before = foldOfGroup.putIfAbsent(groups.get(i), fold[i]);
        assertThat(before == null || before == fold[i]).as("group %s in one fold", groups.get(i)).isTrue();
        sizeOfGroup.merge(groups.get(i), 1, Integer::sum);
        sizes[fold[i]]++;
      }
      int largest = Collections.max(sizeOfGroup.values());
      int min = Integer.MAX_VALUE;
      int max = 0;
      for (int s : sizes) {
        min = Math.min(min, s);
        max = Math.max(max, s);
      }
      assertThat(sizes.length).isEqualTo(Math.min(k, sizeOfGroup.size()));
      assertThat(min).as("every fold used").isPositive();
      assertThat(max - min).as("sizes %s, largest group %d", java.util.Arrays.toString(sizes), largest)
          .isLessThanOrEqualTo(largest);
    }
  }
}
