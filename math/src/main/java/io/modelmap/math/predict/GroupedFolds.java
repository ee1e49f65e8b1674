package io.modelmap.math.predict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * K-fold cross-validation folds that never split a group (a model family or type), so a model is never
 * predicted from its siblings: groups, largest first (ties by name), each go to the fold with the fewest
 * models so far (scikit-learn's GroupKFold rule). Deterministic for the same groups.
 */
public final class GroupedFolds {
  private GroupedFolds() {}

  /**
   * @param groups the group of each model
   * @param folds how many folds; fewer when there are fewer groups
   * @return the fold of each model, 0-based
   */
  public static int[] assign(List<String> groups, int folds) {
    if (folds < 2) {
      throw new IllegalArgumentException("cross-validation needs at least 2 folds, was " + folds);
    }
    Map<String, List<Integer>> members = new LinkedHashMap<>();
    for (int i = 0; i < groups.size(); i++) {
      members.computeIfAbsent(groups.get(i), g -> new ArrayList<>()).add(i);
    }
    int used = Math.min(folds, members.size());
    if (used < 2) {
      throw new IllegalArgumentException("grouped cross-validation needs at least 2 groups, found " + members.size());
    }
    List<Map.Entry<String, List<Integer>>> ordered = new ArrayList<>(members.entrySet());
    ordered.sort(Comparator.<Map.Entry<String, List<Integer>>>comparingInt(e -> -e.getValue().size())
        .thenComparing(Map.Entry::getKey));
    int[] sizes = new int[used];
    int[] fold = new int[groups.size()];
    for (Map.Entry<String, List<Integer>> group : ordered) {
      int smallest = 0;
      for (int f = 1; f < used; f++) {
        if (sizes[f] < sizes[smallest]) {
          smallest = f;
        }
      }
      for (int model : group.getValue()) {
        fold[model] = smallest;
      }
      sizes[smallest] += group.getValue().size();
    }
    return fold;
  }

  /** How many distinct folds {@code assignment} uses. */
  public static int count(int[] assignment) {
    int max = -1;
    for (int f : assignment) {
      max = Math.max(max, f);
    }
    return max + 1;
  }
}
