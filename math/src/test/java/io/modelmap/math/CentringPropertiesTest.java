package io.modelmap.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/** Properties of §2 that hold for every matrix, checked on seeded random ones. */
class CentringPropertiesTest {

  private static double[][] randomMatrix(Random random) {
    int k = 2 + random.nextInt(12);
    int n = 1 + random.nextInt(40);
    double[][] l = new double[k][n];
    for (double[] row : l) {
      for (int s = 0; s < n; s++) {
        row[s] = -1000 * random.nextDouble() - 50 * random.nextGaussian();
      }
    }
    return l;
  }

  @RepeatedTest(200)
  void rowsAndColumnsOfQShouldSumToZero(RepetitionInfo info) {
    double[][] l = randomMatrix(new Random(info.getCurrentRepetition()));
    BatchReference ref = BatchReference.of(l);
    int n = l[0].length;
    double[] columnSums = new double[n];
    for (int i = 0; i < l.length; i++) {
      double[] q = ref.q(i);
      double rowSum = 0;
      for (int s = 0; s < n; s++) {
        rowSum += q[s];
        columnSums[s] += q[s];
      }
      assertThat(rowSum).isCloseTo(0, within(1e-9));
    }
    assertThat(columnSums).containsOnly(new double[columnSums.length], within(1e-9));
  }

  @RepeatedTest(200)
  void shouldSatisfyEquationFourIdentity(RepetitionInfo info) {
    double[][] l = randomMatrix(new Random(1000 + info.getCurrentRepetition()));
    BatchReference ref = BatchReference.of(l);
    int n = l[0].length;
    double lhs = Vectors.squaredDistance(l[0], l[1]);
    double meanGap = ref.rowMean(0) - ref.rowMean(1);
    double rhs = Vectors.squaredDistance(ref.q(0), ref.q(1)) + n * meanGap * meanGap;
    assertThat(lhs).isCloseTo(rhs, within(1e-9 * Math.max(1, Math.abs(lhs))));
  }

  @RepeatedTest(200)
  void overlapEstimatorShouldEqualEquationThreeOnCompleteRows(RepetitionInfo info) {
    double[][] l = randomMatrix(new Random(2000 + info.getCurrentRepetition()));
    BatchReference ref = BatchReference.of(l);
    KlEstimate overlap = KlDivergence.fromOverlap(l[0], l[1]);
    double eq3 = ref.klNats(0, 1);
    assertThat(overlap.overlap()).isEqualTo(l[0].length);
    assertThat(overlap.nats()).isCloseTo(eq3, within(1e-9 * Math.max(1e-12, eq3)));
  }

  @RepeatedTest(50)
  void neighboursShouldNotDependOnColumnMeans(RepetitionInfo info) {
    double[][] l = randomMatrix(new Random(3000 + info.getCurrentRepetition()));
    BatchReference ref = BatchReference.of(l);
    double viaXi = KlDivergence.fromCoordinates(ref.xi(0), ref.xi(1));
    assertThat(viaXi).isCloseTo(ref.klNats(0, 1), within(1e-9 * Math.max(1e-12, viaXi)));
  }
}
