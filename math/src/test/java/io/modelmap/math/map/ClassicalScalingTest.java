package io.modelmap.math.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.math.BatchReference;
import io.modelmap.math.KlDivergence;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class ClassicalScalingTest {

  private static double[][] matrix(int k, int n, long seed) {
    Random random = new Random(seed);
    double[][] l = new double[k][n];
    for (int i = 0; i < k; i++) {
      double family = i % 3;
      for (int s = 0; s < n; s++) {
        l[i][s] = -100 - 10 * Math.sin(s * (1 + family)) * (1 + i * 0.1) - 3 * random.nextGaussian();
      }
    }
    return l;
  }

  @Test
  void equalsPcaOfQComputedFromTheFullMatrix() {
    assertPca(12, 300);
  }

  @Test
  void iterativeSolverAboveTheDirectLimitEqualsPcaToo() {
    assertPca(260, 150);
  }

  private static void assertPca(int k, int n) {
    double[][] l = matrix(k, n, 5);
    BatchReference ref = BatchReference.of(l);
    double[][] d2 = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        d2[i][j] = i == j ? 0 : 2 * KlDivergence.fromCoordinates(ref.q(i), ref.q(j)); // ‖q_i − q_j‖²/N
      }
    }
    double[][] positions = ClassicalScaling.embed(d2, null);

    double[][] q = new double[k][];
    for (int i = 0; i < k; i++) {
      q[i] = ref.q(i);
    }
    RealMatrix qm = new Array2DRowRealMatrix(q).scalarMultiply(1 / Math.sqrt(n));
    EigenDecomposition eigen = new EigenDecomposition(qm.multiply(qm.transpose()));
    for (int d = 0; d < 2; d++) {
      double[] v = eigen.getEigenvector(d).toArray();
      double scale = Math.sqrt(eigen.getRealEigenvalue(d));
      double sign = Math.signum(v[0] * positions[0][d]);
      for (int i = 0; i < k; i++) {
        assertThat(positions[i][d]).isCloseTo(sign * v[i] * scale, within(1e-6 * scale));
      }
    }
  }

  @Test
  void followsThePreviousMapsSignsWhenAModelArrives() {
    double[][] l = matrix(9, 200, 2);
    double[][] d2 = squaredDistances(l);
    double[][] before = ClassicalScaling.embed(d2, null);
    double[][] flipped = new double[before.length + 1][2];
    for (int i = 0; i < before.length; i++) {
      flipped[i][0] = -before[i][0];
      flipped[i][1] = before[i][1];
    }
    flipped[before.length] = new double[] {Double.NaN, Double.NaN};
    double[][] withNew = new double[10][];
    System.arraycopy(l, 0, withNew, 0, 9);
    withNew[9] = l[0].clone();
    double[][] after = ClassicalScaling.embed(squaredDistances(withNew), flipped);
    assertThat(Math.signum(after[3][0])).isEqualTo(Math.signum(-before[3][0]));
    assertThat(Math.signum(after[3][1])).isEqualTo(Math.signum(before[3][1]));
  }

  private static double[][] squaredDistances(double[][] l) {
    BatchReference ref = BatchReference.of(l);
    double[][] d2 = new double[l.length][l.length];
    for (int i = 0; i < l.length; i++) {
      for (int j = 0; j < l.length; j++) {
        d2[i][j] = 2 * ref.klNats(i, j);
      }
    }
    return d2;
  }

  @Test
  void primaryCategoryIsWhereAModelStandsOutAcrossModels() {
    int[] category = {0, 0, 1, 1};
    double[] strongOnCode = PrimaryCategory.categoryMeans(new double[] {-10, -10, -2, -2}, category, 2);
    double[] strongOnProse = PrimaryCategory.categoryMeans(new double[] {-5, -5, -8, -8}, category, 2);
    double[] middle = PrimaryCategory.categoryMeans(new double[] {-8, -8, -5, -5}, category, 2);
    assertThat(strongOnCode).containsExactly(-10, -2);
    assertThat(PrimaryCategory.argmaxZ(List.of(strongOnCode, strongOnProse, middle))).containsExactly(1, 0, 1);
    assertThat(PrimaryCategory.argmaxZ(List.of(strongOnCode))).containsExactly(-1);
  }
}
