package io.modelmap.math.predict;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The one cross-validation split of the streamed predictions (ridge from Q, CPP, embedding forecasts),
 * all drawn with {@link GroupedFolds}' rule (groups largest first, ties by name, each to the fold with the
 * fewest members so far), so fold sizes differ by at most the largest group.
 *
 * <p>Models are grouped by their family (or type) where it is known, so none is predicted from its
 * siblings; a model whose group is unknown stands with the others of its Hugging Face organisation (the
 * part of its id before '/'), or alone when its id has none; when that leaves a single group (it cannot be
 * cross-validated), every model stands alone and {@link #groupedBy} says {@value #MODEL}. Scores of a matrix (CPP's cells, whose
 * protocol completes a matrix rather than predicting a new model) stand each alone, in an order shuffled
 * by a seed: the same seed gives the same folds.
 *
 * @param fold each item's fold, 0-based
 * @param count how many folds are used (fewer than asked when there are fewer groups)
 * @param groupedBy what the folds were grouped by, as the prediction-quality record states it
 */
public record Folds(int[] fold, int count, String groupedBy) {
  /** {@link #groupedBy} of a split where no model's group was known. */
  public static final String ORGANISATION = "organisation";
  /** {@link #groupedBy} when every model fell in one group: each model stands alone. */
  public static final String MODEL = "model";
  /** {@link #groupedBy} of a split of matrix cells. */
  public static final String SCORES = "scores";

  /**
   * Models into folds by their known group ({@code kind}: "family" or "type").
   *
   * @param known each model's family or type; null or blank where unknown
   * @param kind what {@code known} returns, named in {@link #groupedBy}
   */
  public static Folds ofModels(List<String> models, Function<String, String> known, String kind, int folds) {
    List<String> groups = new ArrayList<>();
    int knownCount = 0;
    for (String model : models) {
      String group = known.apply(model);
      knownCount += group != null && !group.isBlank() ? 1 : 0;
      groups.add(groupOf(model, group));
    }
    String groupedBy = knownCount == models.size() ? kind
        : knownCount == 0 ? ORGANISATION : kind + ", else " + ORGANISATION;
    if (groups.stream().distinct().count() < 2) {
      groups = models;
      groupedBy = MODEL;
    }
    int[] assignment = GroupedFolds.assign(groups, folds);
    return new Folds(assignment, GroupedFolds.count(assignment), groupedBy);
  }

  /** A model's group: its known family or type, else its organisation, else its id. */
  public static String groupOf(String model, String known) {
    if (known != null && !known.isBlank()) {
      return known;
    }
    int slash = model.indexOf('/');
    return slash > 0 ? model.substring(0, slash) : model;
  }

  /**
   * {@code count} scores into folds, each score its own group, in an order shuffled by {@code seed}:
   * position p of the shuffled order goes to fold p mod {@code folds}.
   */
  public static Folds ofScores(int count, int folds, long seed) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    String[] names = new String[count];
    int width = Integer.toString(Math.max(count - 1, 0)).length();
    for (int position = 0; position < count; position++) {
      names[order.get(position)] = String.format("%0" + width + "d", position); // sorts as the shuffled order
    }
    int[] assignment = GroupedFolds.assign(List.of(names), folds);
    return new Folds(assignment, GroupedFolds.count(assignment), SCORES);
  }

  /** The indices of the items in fold {@code f} ({@code inFold}) or outside it. */
  public int[] members(int f, boolean inFold) {
    List<Integer> chosen = new ArrayList<>();
    for (int i = 0; i < fold.length; i++) {
      if ((fold[i] == f) == inFold) {
        chosen.add(i);
      }
    }
    return chosen.stream().mapToInt(Integer::intValue).toArray();
  }
}
