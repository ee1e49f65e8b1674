package io.modelmap.math.predict;

import java.util.ArrayList;
import java.util.List;

/**
 * The modelmap §5 protocol on squared distances: out-of-fold predictions from folds grouped by family
 * or type, each fold's α chosen by an inner grouped cross-validation on its training models alone, so
 * no score of a held-out model ever shapes its own prediction.
 */
public final class RidgeCrossValidation {
  /** Decades of the α grid around the data's scale: low enough for near-interpolation (K < N) to be found. */
  private static final int LOWEST_DECADE = -8;
  private static final int HIGHEST_DECADE = 4;

  private RidgeCrossValidation() {}

  /**
   * @param outOfFold each observed model's prediction from the fit without its fold
   * @param folds each model's fold
   * @param alphas the α chosen in each fold
   */
  public record OutOfFold(double[] outOfFold, int[] folds, double[] alphas) {}

  /**
   * α candidates in the data's units: the mean of the centred Gram's diagonal (½·mean D²) times
   * 10^-8 ... 10^4, one per decade, so the grid fits coordinates of any scale. On real data (89 models,
   * 263 texts) folds chose α from the lowest candidate (near interpolation) to 10^-2 of the scale.
   */
  public static double[] alphaGrid(double[][] squaredDistances) {
    int m = squaredDistances.length;
    double total = 0;
    for (double[] row : squaredDistances) {
      for (double d : row) {
        total += d;
      }
    }
    double scale = total / (2.0 * m * m); // mean_i g_ii = ½·mean_ij D²_ij
    if (!(scale > 0)) {
      scale = 1;
    }
    double[] grid = new double[HIGHEST_DECADE - LOWEST_DECADE + 1];
    for (int k = 0; k < grid.length; k++) {
      grid[k] = scale * Math.pow(10, LOWEST_DECADE + k);
    }
    return grid;
  }

  /** The α of {@code grid} with the least squared error of grouped out-of-fold predictions. */
  public static double chooseAlpha(double[][] squaredDistances, double[] y, List<String> groups, int folds,
      double[] grid) {
    int[] assignment = foldsFor(groups, folds);
    double[] error = new double[grid.length];
    for (int fold = 0; fold < GroupedFolds.count(assignment); fold++) {
      int[] test = members(assignment, fold, true);
      double[][] predicted = heldOut(squaredDistances, y, assignment, fold).predict(toTrain(squaredDistances,
          assignment, fold, test), grid);
      for (int a = 0; a < grid.length; a++) {
        for (int j = 0; j < test.length; j++) {
          double e = predicted[a][j] - y[test[j]];
          error[a] += e * e;
        }
      }
    }
    int best = 0;
    for (int a = 1; a < grid.length; a++) {
      if (error[a] < error[best]) {
        best = a;
      }
    }
    return grid[best];
  }

  /** Out-of-fold predictions of every observed model, α chosen inside each fold's training set. */
  public static OutOfFold outOfFold(double[][] squaredDistances, double[] y, List<String> groups, int folds) {
    int[] assignment = foldsFor(groups, folds);
    double[] alphas = new double[GroupedFolds.count(assignment)];
    double[] predicted = predictHeldOut(squaredDistances, y, assignment, fold -> {
      int[] train = members(assignment, fold, false);
      double[][] trainDistances = sub(squaredDistances, train, train);
      List<String> trainGroups = new ArrayList<>();
      for (int i : train) {
        trainGroups.add(groups.get(i));
      }
      alphas[fold] = chooseAlpha(trainDistances, pick(y, train), trainGroups, folds, alphaGrid(trainDistances));
      return alphas[fold];
    });
    return new OutOfFold(predicted, assignment, alphas);
  }

  /**
   * Whether {@link #fitAll} and {@link #outOfFold} can run on models in these groups: every training set
   * they fit, the outer folds' and the inner ones that choose α, holds at least 2 models. Unbalanced
   * groups break that long before the models run out: with groups a, a, b the outer fold that holds out
   * both a models trains on b alone.
   */
  public static boolean feasible(List<String> groups, int folds) {
    if (!alphaFeasible(groups, folds)) {
      return false;
    }
    int[] assignment = foldsFor(groups, folds);
    for (int fold = 0; fold < GroupedFolds.count(assignment); fold++) {
      int[] train = members(assignment, fold, false);
      List<String> trainGroups = new ArrayList<>();
      for (int i : train) {
        trainGroups.add(groups.get(i));
      }
      if (!alphaFeasible(trainGroups, folds)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@link #chooseAlpha} can run: at least 2 models, and at least 2 outside each of their folds. */
  private static boolean alphaFeasible(List<String> groups, int folds) {
    if (groups.size() < 2) {
      return false;
    }
    int[] assignment = foldsFor(groups, folds);
    for (int fold = 0; fold < GroupedFolds.count(assignment); fold++) {
      if (members(assignment, fold, false).length < 2) {
        return false;
      }
    }
    return true;
  }

  /** The fit on every observed model with α chosen by grouped cross-validation on all of them. */
  public static Fit fitAll(double[][] squaredDistances, double[] y, List<String> groups, int folds) {
    double alpha = chooseAlpha(squaredDistances, y, groups, folds, alphaGrid(squaredDistances));
    return new Fit(RidgePath.of(squaredDistances, y).at(alpha), alpha);
  }

  /** A fitted ridge and its α. */
  public record Fit(DistanceRidge ridge, double alpha) {}

  private interface AlphaForFold {
    double alpha(int fold);
  }

  private static double[] predictHeldOut(double[][] d, double[] y, int[] assignment, AlphaForFold alphaFor) {
    double[] predicted = new double[y.length];
    for (int fold = 0; fold < GroupedFolds.count(assignment); fold++) {
      int[] test = members(assignment, fold, true);
      double alpha = alphaFor.alpha(fold);
      double[] held = heldOut(d, y, assignment, fold).predict(toTrain(d, assignment, fold, test), new double[] {alpha})[0];
      for (int j = 0; j < test.length; j++) {
        predicted[test[j]] = held[j];
      }
    }
    return predicted;
  }

  /** The ridge path on every model outside {@code fold}. */
  private static RidgePath heldOut(double[][] d, double[] y, int[] assignment, int fold) {
    int[] train = members(assignment, fold, false);
    return RidgePath.of(sub(d, train, train), pick(y, train));
  }

  /** Each test model's squared distances to the models outside {@code fold}. */
  private static double[][] toTrain(double[][] d, int[] assignment, int fold, int[] test) {
    return sub(d, test, members(assignment, fold, false));
  }

  /** Grouped folds, or one model per group when the groups are too few to split (an inner fit inside one family). */
  private static int[] foldsFor(List<String> groups, int folds) {
    if (groups.stream().distinct().count() >= 2) {
      return GroupedFolds.assign(groups, folds);
    }
    List<String> each = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      each.add(Integer.toString(i));
    }
    return GroupedFolds.assign(each, folds);
  }

  private static int[] members(int[] assignment, int fold, boolean inFold) {
    List<Integer> chosen = new ArrayList<>();
    for (int i = 0; i < assignment.length; i++) {
      if ((assignment[i] == fold) == inFold) {
        chosen.add(i);
      }
    }
    return chosen.stream().mapToInt(Integer::intValue).toArray();
  }

  private static double[][] sub(double[][] d, int[] rows, int[] columns) {
    double[][] out = new double[rows.length][columns.length];
    for (int r = 0; r < rows.length; r++) {
      for (int c = 0; c < columns.length; c++) {
        out[r][c] = d[rows[r]][columns[c]];
      }
    }
    return out;
  }

  private static double[] pick(double[] y, int[] indices) {
    double[] out = new double[indices.length];
    for (int i = 0; i < indices.length; i++) {
      out[i] = y[indices[i]];
    }
    return out;
  }
}
