package io.modelmap.aggregator.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.math.BatchReference;
import io.modelmap.math.Neighbor;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Rows completed together (one pass over the matrix for the whole batch) give the same neighbour lists,
 * distances and column means as rows completed one at a time, and those equal the batch formulas.
 */
class CorpusMatrixBatchTest {
  private static final int N = 40;
  private static final int K = 14;
  private static final int NEIGHBOURS = 3;

  private static double[][] matrix() {
    Random random = new Random(11);
    double[][] l = new double[K][N];
    for (int i = 0; i < K; i++) {
      for (int s = 0; s < N; s++) {
        l[i][s] = -200 - 30 * Math.sin(s * (1 + i % 4)) - 5 * random.nextGaussian();
      }
    }
    l[K - 1] = l[2].clone(); // a copy of an earlier model, completed in the last batch: KL exactly 0
    return l;
  }

  private static String id(int i) {
    return "org-" + (i % 3) + "/Model \"" + i + "\"";
  }

  private static CorpusMatrix filled(double[][] l) {
    return filled(l, l.length);
  }

  private static CorpusMatrix filled(double[][] l, int models) {
    return filled(l, models, true);
  }

  private static CorpusMatrix filled(double[][] l, int models, boolean keepsMapDistances) {
    CorpusMatrix matrix = new CorpusMatrix("pile/val", NEIGHBOURS, OptionalDouble.empty(), keepsMapDistances);
    for (int s = 0; s < N; s++) {
      matrix.addText("t" + s, s, N, 100, "c" + (s % 2));
    }
    for (int i = 0; i < models; i++) {
      ModelRow row = matrix.row(id(i));
      for (int s = 0; s < N; s++) {
        row.offer(s, l[i][s]);
      }
    }
    return matrix;
  }

  @Test
  void aBatchEqualsCompletingOneByOneAndTheBatchFormulas() {
    double[][] l = matrix();
    CorpusMatrix oneByOne = filled(l);
    for (int i = 0; i < K; i++) {
      oneByOne.complete(List.of(id(i)));
    }
    CorpusMatrix batched = filled(l);
    int[][] batches = {{0}, {1, 2, 3, 4, 5}, {6}, {7, 8, 9, 10, 11, 12, 13}};
    for (int[] batch : batches) {
      List<String> ids = new ArrayList<>();
      for (int i : batch) {
        ids.add(id(i));
      }
      List<String> changed = batched.complete(ids);
      assertThat(changed.subList(0, ids.size())).as("the new models come first").isEqualTo(ids);
    }

    BatchReference reference = BatchReference.of(l);
    for (int i = 0; i < K; i++) {
      List<Neighbor> batch = batched.neighbors(id(i));
      assertThat(batch).as("neighbours of %s", id(i)).isEqualTo(oneByOne.neighbors(id(i)));
      assertThat(batch).hasSize(NEIGHBOURS);
      for (Neighbor n : batch) {
        int j = indexOf(n.modelId());
        double expected = reference.klNats(i, j);
        assertThat(n.klNats()).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-9 * Math.max(expected, 1e-12)));
      }
    }
    assertThat(batched.neighbors(id(K - 1)).get(0)).isEqualTo(new Neighbor(id(2), 0, N));
    assertThat(batched.columnMeans()).containsExactly(oneByOne.columnMeans());
  }

  @Test
  void aShardKeepsNoMapDistancesAndListsItsModelsAlike() {
    double[][] l = matrix();
    CorpusMatrix whole = filled(l);
    CorpusMatrix shard = filled(l, K, false);
    for (int i = 0; i < K; i++) {
      whole.complete(List.of(id(i)));
      shard.complete(List.of(id(i)));
    }

    for (int i = 0; i < K; i++) {
      assertThat(shard.neighbors(id(i))).as("neighbours of %s", id(i)).isEqualTo(whole.neighbors(id(i)));
    }
    assertThat(whole.mapSize()).isEqualTo(K);
    assertThat(shard.mapSize()).as("no K × K triangle on a shard: no layout is made there").isZero();
    assertThat(shard.isMapStale()).isFalse();
  }

  @Test
  void aRestoreRebuildsTheListsAndDistancesOfTheLiveCompletions() {
    int models = 150; // more than one restore block, in an order unlike the ids'
    Random random = new Random(17);
    double[][] l = new double[models][N];
    for (int i = 0; i < models; i++) {
      for (int s = 0; s < N; s++) {
        l[i][s] = -200 - 30 * Math.sin(s * (1 + i % 7)) - 5 * random.nextGaussian();
      }
    }
    CorpusMatrix live = filled(l, models);
    for (int i = models - 1; i >= 0; i -= 2) {
      live.complete(List.of(id(i)));
    }
    for (int i = 0; i < models; i += 2) {
      live.complete(List.of(id(i)));
    }
    CorpusMatrix restored = filled(l, models);
    for (int i = 0; i < models; i++) {
      restored.markComplete(id(i));
    }
    restored.recomputeAllNeighbors();

    for (int i = 0; i < models; i++) {
      assertThat(restored.neighbors(id(i))).as("neighbours of %s", id(i)).isEqualTo(live.neighbors(id(i)));
      assertThat(restored.klToCompleteModels(id(i))).as("distances of %s", id(i))
          .hasSize(models - 1).isEqualTo(live.klToCompleteModels(id(i)));
    }
  }

  private static int indexOf(String modelId) {
    for (int i = 0; i < K; i++) {
      if (id(i).equals(modelId)) {
        return i;
      }
    }
    throw new AssertionError(modelId);
  }
}
