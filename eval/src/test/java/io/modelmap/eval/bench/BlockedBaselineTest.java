package io.modelmap.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.math.BatchReference;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockedBaselineTest {
  @Test
  void shouldComputeEveryPairwiseKlOfTheHandWorkedMatrix() {
    BlockedBaseline recompute = BlockedBaseline.of(HandWorkedL.L);

    for (int i = 0; i < 3; i++) {
      assertThat(recompute.klNats()[i]).as("KL row %d", i).containsExactly(HandWorkedL.KL[i], within(1e-14));
    }
  }

  @Test
  void shouldEqualEquationThreeOnCentredRowsComputedInTheTest() {
    Random random = new Random(11);
    double[][] l = new double[6][700];
    for (double[] row : l) {
      for (int s = 0; s < row.length; s++) {
        row[s] = -3 + random.nextGaussian();
      }
    }
    // double centring and KL_ij = ‖q_i − q_j‖² / 2N written out here
    int k = l.length;
    int n = l[0].length;
    double[][] xi = new double[k][n];
    double[] columnMeans = new double[n];
    for (int i = 0; i < k; i++) {
      double mean = 0;
      for (double v : l[i]) {
        mean += v / n;
      }
      for (int s = 0; s < n; s++) {
        xi[i][s] = l[i][s] - mean;
        columnMeans[s] += xi[i][s] / k;
      }
    }

    double[][] kl = BlockedBaseline.of(l).klNats();

    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double squared = 0;
        for (int s = 0; s < n; s++) {
          double d = (xi[i][s] - columnMeans[s]) - (xi[j][s] - columnMeans[s]);
          squared += d * d;
        }
        assertThat(kl[i][j]).as("KL[%d][%d]", i, j).isCloseTo(squared / (2.0 * n), within(1e-12));
      }
    }
  }

  @Test
  void shouldEqualTheBatchReferenceOnEveryPair() {
    double[][] l = RandomL.of(9, 300, 17);
    BatchReference reference = BatchReference.of(l);

    double[][] kl = BlockedBaseline.of(l).klNats();

    for (int i = 0; i < l.length; i++) {
      for (int j = 0; j < l.length; j++) {
        double expected = reference.klNats(i, j);
        assertThat(kl[i][j]).as("the blocked Gram' KL[%d][%d]", i, j).isCloseTo(expected, within(1e-12 * expected));
      }
    }
  }
}
