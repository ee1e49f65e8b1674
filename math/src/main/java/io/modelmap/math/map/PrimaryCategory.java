package io.modelmap.math.map;

import java.util.ArrayList;
import java.util.List;

/**
 * A model's primary text category (modelmap paper App. G.4): its mean log-likelihood per category,
 * z-scored across models, and the category where it stands out most.
 */
public final class PrimaryCategory {
  private PrimaryCategory() {}

  /** Mean log-likelihood of one row per category ({@code category[s]} indexes {@code categories} names). */
  public static double[] categoryMeans(double[] row, int[] category, int categories) {
    double[] sums = new double[categories];
    int[] counts = new int[categories];
    for (int s = 0; s < row.length; s++) {
      sums[category[s]] += row[s];
      counts[category[s]]++;
    }
    for (int c = 0; c < categories; c++) {
      sums[c] = counts[c] == 0 ? Double.NaN : sums[c] / counts[c];
    }
    return sums;
  }

  /**
   * For each model (row of {@code means}, K × C), the index of its highest z-score across models;
   * −1 for every model when fewer than two models exist. Categories with no spread are skipped; ties
   * go to the lower index.
   */
  public static int[] argmaxZ(List<double[]> means) {
    int k = means.size();
    int[] primary = new int[k];
    if (k < 2) {
      java.util.Arrays.fill(primary, -1);
      return primary;
    }
    int c = means.get(0).length;
    double[] mean = new double[c];
    double[] std = new double[c];
    for (int j = 0; j < c; j++) {
      List<Double> column = new ArrayList<>(k);
      for (double[] m : means) {
        column.add(m[j]);
      }
      mean[j] = column.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      double ss = 0;
      for (double x : column) {
        ss += (x - mean[j]) * (x - mean[j]);
      }
      std[j] = Math.sqrt(ss / k);
    }
    for (int i = 0; i < k; i++) {
      int best = -1;
      double bestZ = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < c; j++) {
        if (!(std[j] > 0)) {
          continue;
        }
        double z = (means.get(i)[j] - mean[j]) / std[j];
        if (z > bestZ) {
          bestZ = z;
          best = j;
        }
      }
      primary[i] = best;
    }
    return primary;
  }
}
