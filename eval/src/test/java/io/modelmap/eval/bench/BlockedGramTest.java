package io.modelmap.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockedGramTest {
  @Test
  void shouldEqualQTimesQTransposedWorkedByHand() {
    // [[1, 2], [3, 4]] · its transpose = [[1+4, 3+8], [3+8, 9+16]]
    double[][] g = BlockedGram.of(new double[][] {{1, 2}, {3, 4}});

    assertThat(g[0]).containsExactly(5, 11);
    assertThat(g[1]).containsExactly(11, 25);
  }

  @Test
  void shouldEqualTheDirectDotProductsAcrossPartialTilesAndColumnBlocks() {
    // 7 rows (a 4-row tile and a partial one) × 1,100 columns (two full blocks of 512 and a partial one)
    Random random = new Random(5);
    double[][] q = new double[7][1100];
    for (double[] row : q) {
      for (int s = 0; s < row.length; s++) {
        row[s] = random.nextGaussian();
      }
    }

    double[][] g = BlockedGram.of(q);

    for (int i = 0; i < q.length; i++) {
      for (int j = 0; j < q.length; j++) {
        double direct = 0;
        for (int s = 0; s < q[i].length; s++) {
          direct += q[i][s] * q[j][s];
        }
        assertThat(g[i][j]).as("g[%d][%d]", i, j).isCloseTo(direct, within(1e-11));
      }
    }
  }
}
