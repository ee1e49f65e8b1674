package io.modelmap.math.map;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.math.testdata.PerplexityCorrelations;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusteringOrderTest {

  /** Squared distances of points on a line. */
  private static double[][] squared(double[][] points) {
    double[][] d = new double[points.length][points.length];
    for (int i = 0; i < points.length; i++) {
      for (int j = 0; j < points.length; j++) {
        for (int s = 0; s < points[i].length; s++) {
          d[i][j] += (points[i][s] - points[j][s]) * (points[i][s] - points[j][s]);
        }
      }
    }
    return d;
  }

  @Test
  void fourPointsOnALineFollowTheHandWorkedMerges() {
    // 0, 1, 3, 7 squared: {0,1} at 1 (cluster 4); then d(4, 2) = √(½·81 + ½·16 − ¼·1) = 6.95 < d(4, 3), d(2, 3) = 16,
    // so {2, 4} (cluster 5); then {3, 5}. Leaves from the root, smaller id first: 3, 2, 0, 1.
    double[][] d = squared(new double[][] {{0}, {1}, {3}, {7}});
    assertThat(ClusteringOrder.of(d)).containsExactly(3, 2, 0, 1);
  }

  @Test
  void anInversionKeepsTheMergeOrder() {
    // (0,0), (2,0), (1,1.8): {0,1} at 4, then point 2 joins at √(½·4.24² + ½·4.24² − ¼·4²) = 3.74 < 4: median linkage is not monotone
    double[][] d = squared(new double[][] {{0, 0}, {2, 0}, {1, 1.8}});
    assertThat(ClusteringOrder.of(d)).containsExactly(2, 0, 1);
  }

  @Test
  void theOrderOfRealModelsEqualsScipyMedianLinkage() {
    PerplexityCorrelations data = PerplexityCorrelations.read();
    double[][] d = data.squaredDistances();
    // models by id, as the aggregator and the reference script index them
    int[] byId = java.util.stream.IntStream.range(0, d.length).boxed()
        .sorted(java.util.Comparator.comparing(data.models()::get)).mapToInt(Integer::intValue).toArray();
    double[][] sorted = new double[d.length][d.length];
    for (int i = 0; i < d.length; i++) {
      for (int j = 0; j < d.length; j++) {
        sorted[i][j] = d[byId[i]][byId[j]];
      }
    }
    List<String> ids = Arrays.stream(ClusteringOrder.of(sorted)).mapToObj(i -> data.models().get(byId[i])).toList();
    // written by math/src/test/python/reference_clustering.py (SciPy 1.17.1)
    assertThat(ids).containsExactlyElementsOf(PerplexityCorrelations.lines("clustering-order-median.txt"));
  }

  @Test
  void scalingTheDistancesLeavesTheOrder() {
    double[][] d = PerplexityCorrelations.read().squaredDistances();
    double[][] kl = Arrays.stream(d).map(row -> Arrays.stream(row).map(v -> v / 2).toArray()).toArray(double[][]::new);
    assertThat(ClusteringOrder.of(kl)).containsExactly(ClusteringOrder.of(d));
  }

  @Test
  void oneOrNoModelIsItsOwnOrder() {
    assertThat(ClusteringOrder.of(new double[0][0])).isEmpty();
    assertThat(ClusteringOrder.of(new double[][] {{0}})).containsExactly(0);
  }
}
