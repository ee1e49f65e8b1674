package io.modelmap.math.predict;

import java.util.ArrayList;
import java.util.List;

/**
 * The modelmap §5 protocol: out-of-fold predictions from folds grouped by family or type, each fold's α
 * chosen by an inner grouped cross-validation on its training models alone, so no score of a held-out
 * model ever shapes its own prediction. It runs on either form of {@link RidgeData} (squared distances,
 * the dual; coordinates, the primal), one protocol for both; the double[][] methods take squared distances.
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
    return alphaGrid(new RidgeData.SquaredDistances(squaredDistances));
  }

  /** {@link #alphaGrid(double[][])} for either form of the data: the same grid (to rounding). */
  public static double[] alphaGrid(RidgeData data) {
    double scale = data.alphaScale();
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
    return chooseAlpha(new RidgeData.SquaredDistances(squaredDistances), y, groups, folds, grid);
  }

  /** {@link #chooseAlpha(double[][], double[], List, int, double[])} for either form of the data. */
  public static double chooseAlpha(RidgeData data, double[] y, List<String> groups, int folds, double[] grid) {
    int[] assignment = foldsFor(groups, folds);
    double[] error = new double[grid.length];
    for (int fold = 0; fold < GroupedFolds.count(assignment); fold++) {
      int[] test = members(assignment, fold, true);
      int[] train = members(assignment, fold, false);
      double[][] predicted = data.predictHeldOut(train, pick(y, train), test, grid);
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
    return outOfFold(new RidgeData.SquaredDistances(squaredDistances), y, groups, folds);
  }

  /** {@link #outOfFold(double[][], double[], List, int)} for either form of the data. */
  public static OutOfFold outOfFold(RidgeData data, double[] y, List<String> groups, int folds) {
    int[] assignment = foldsFor(groups, folds);
    double[] alphas = new double[GroupedFolds.count(assignment)];
    double[] predicted = new double[y.length];
    for (int fold = 0; fold < alphas.length; fold++) {
      int[] test = members(assignment, fold, true);
      int[] train = members(assignment, fold, false);
      RidgeData trainData = data.subset(train);
      List<String> trainGroups = new ArrayList<>();
      for (int i : train) {
        trainGroups.add(groups.get(i));
      }
      double[] trainScores = pick(y, train);
      alphas[fold] = chooseAlpha(trainData, trainScores, trainGroups, folds, alphaGrid(trainData));
      double[] held = data.predictHeldOut(train, trainScores, test, new double[] {alphas[fold]})[0];
      for (int j = 0; j < test.length; j++) {
        predicted[test[j]] = held[j];
      }
    }
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
    return fitAll(new RidgeData.SquaredDistances(squaredDistances), y, groups, folds);
  }

  /** {@link #fitAll(double[][], double[], List, int)} for either form of the data. */
  public static Fit fitAll(RidgeData data, double[] y, List<String> groups, int folds) {
    double alpha = chooseAlpha(data, y, groups, folds, alphaGrid(data));
    return new Fit(data.fit(y, alpha), alpha);
  }

  /** A fitted ridge (the form of its data) and its α. */
  public record Fit(FittedRidge ridge, double alpha) {}

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

  private static double[] pick(double[] y, int[] indices) {
    double[] out = new double[indices.length];
    for (int i = 0; i < indices.length; i++) {
      out[i] = y[indices[i]];
    }
    return out;
  }
}
