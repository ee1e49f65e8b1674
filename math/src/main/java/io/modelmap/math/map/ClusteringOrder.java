package io.modelmap.math.map;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The leaf order of a hierarchical clustering of models (modelmap App. G.5): median linkage (WPGMC)
 * on squared distances, the paper's {@code linkage(pdist(q, 'sqeuclidean'), 'median')} followed by
 * {@code leaves_list}. Heatmaps of KL in this order show the families as blocks.
 *
 * <p>Median linkage is not monotone (a merge can be closer than the one before it); as in SciPy, the
 * merges keep the order they were made in, closest pair first.
 */
public final class ClusteringOrder {
  private ClusteringOrder() {}

  /** One merge: a point of each cluster it joined. */
  private record Merge(int pointA, int pointB) {}

  /**
   * @param dissimilarity symmetric, zero diagonal: squared distances, or KL (any positive scaling
   *     gives the same order)
   * @return the models' indices in leaf order
   */
  public static int[] of(double[][] dissimilarity) {
    int n = dissimilarity.length;
    if (n <= 1) {
      return n == 0 ? new int[0] : new int[] {0};
    }
    return leaves(label(merges(dissimilarity), n), n);
  }

  /** Closest pair first; a merged cluster lives on in the second slot (any point of it labels it). */
  private static List<Merge> merges(double[][] dissimilarity) {
    int n = dissimilarity.length;
    double[][] d = new double[n][];
    for (int i = 0; i < n; i++) {
      d[i] = dissimilarity[i].clone();
    }
    boolean[] active = new boolean[n];
    Arrays.fill(active, true);
    int[] nearest = new int[n];
    double[] nearestDistance = new double[n];
    for (int i = 0; i < n; i++) {
      rescan(d, active, i, nearest, nearestDistance);
    }
    List<Merge> merges = new ArrayList<>(n - 1);
    for (int step = 0; step < n - 1; step++) {
      int a = -1;
      for (int i = 0; i < n; i++) {
        if (active[i] && (a < 0 || nearestDistance[i] < nearestDistance[a])) {
          a = i;
        }
      }
      int b = nearest[a];
      double ab = d[a][b];
      merges.add(new Merge(a, b));
      active[a] = false;
      for (int k = 0; k < n; k++) {
        if (active[k] && k != b) {
          // Lance–Williams for the median method, on the distances as given (as SciPy applies it)
          double merged = Math.sqrt(Math.max(0, 0.5 * d[a][k] * d[a][k] + 0.5 * d[b][k] * d[b][k] - 0.25 * ab * ab));
          d[b][k] = merged;
          d[k][b] = merged;
        }
      }
      for (int k = 0; k < n; k++) {
        if (!active[k]) {
          continue;
        }
        if (k == b || nearest[k] == a || nearest[k] == b) {
          rescan(d, active, k, nearest, nearestDistance);
        } else if (d[k][b] < nearestDistance[k]) {
          nearest[k] = b;
          nearestDistance[k] = d[k][b];
        }
      }
    }
    return merges;
  }

  private static void rescan(double[][] d, boolean[] active, int i, int[] nearest, double[] nearestDistance) {
    nearest[i] = -1;
    nearestDistance[i] = Double.POSITIVE_INFINITY;
    for (int j = 0; j < d.length; j++) {
      if (j != i && active[j] && (nearest[i] < 0 || d[i][j] < nearestDistance[i])) {
        nearest[i] = j;
        nearestDistance[i] = d[i][j];
      }
    }
  }

  /** Merges as linkage rows {smaller cluster id, larger}: cluster n + r is the one row r made. */
  private static int[][] label(List<Merge> merges, int n) {
    int[] parent = new int[2 * n - 1];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    int[][] rows = new int[n - 1][];
    for (int r = 0; r < rows.length; r++) {
      int x = root(parent, merges.get(r).pointA());
      int y = root(parent, merges.get(r).pointB());
      rows[r] = new int[] {Math.min(x, y), Math.max(x, y)};
      parent[x] = n + r;
      parent[y] = n + r;
    }
    return rows;
  }

  private static int root(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /** Leaves left to right from the last merge down. */
  private static int[] leaves(int[][] rows, int n) {
    int[] order = new int[n];
    int filled = 0;
    java.util.ArrayDeque<Integer> stack = new java.util.ArrayDeque<>();
    stack.push(2 * n - 2);
    while (!stack.isEmpty()) {
      int node = stack.pop();
      if (node < n) {
        order[filled++] = node;
      } else {
        stack.push(rows[node - n][1]);
        stack.push(rows[node - n][0]);
      }
    }
    return order;
  }
}
