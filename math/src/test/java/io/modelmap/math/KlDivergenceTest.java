package io.modelmap.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class KlDivergenceTest {

  @Test
  void shouldUseOnlyTextsBothModelsScored() {
    double[] partial = {-1, Double.NaN, -3};
    double[] complete = {-2, -5, -2};

    KlEstimate estimate = KlDivergence.fromOverlap(partial, complete);

    // differences 1 and −1: mean 0, variance 1, KL = 1/2
    assertThat(estimate.overlap()).isEqualTo(2);
    assertThat(estimate.nats()).isCloseTo(0.5, within(1e-15));
  }

  @Test
  void shouldReportNoOverlapAsNaN() {
    KlEstimate estimate = KlDivergence.fromOverlap(new double[] {Double.NaN}, new double[] {-1});

    assertThat(estimate.overlap()).isZero();
    assertThat(estimate.nats()).isNaN();
  }

  @Test
  void shouldConvertNatsToBitsPerByteWithPaperFactor() {
    // paper §3.5: mean length 972.3188 bytes gives the factor 0.001484
    assertThat(KlDivergence.toBitsPerByte(1.0, 972.3188)).isCloseTo(0.001484, within(5e-7));
  }

  @Test
  void aBlockOfRowsGivesExactlyWhatEachPairGivesAlone() {
    java.util.Random random = new java.util.Random(3);
    double[] other = random.doubles(ODD_LENGTH, -900, -100).toArray();
    double otherMean = Vectors.mean(other);
    for (int count = 1; count <= 9; count++) {
      double[][] rows = randomRows(random, count);
      rows[0] = other.clone(); // a copy: KL exactly 0
      double[] means = means(rows);
      double[] out = new double[count];
      KlDivergence.fromRowsBlock(rows, means, count, other, otherMean, out);
      for (int b = 0; b < count; b++) {
        assertThat(out[b]).as("row %d of %d", b, count).isEqualTo(KlDivergence.fromRows(rows[b], means[b], other, otherMean));
      }
      assertThat(out[0]).isZero();
    }
  }

  @Test
  void eachKernelGivesTheSameSumAloneAndInABlock() {
    for (CentredDistanceKernel kernel : kernels()) {
      java.util.Random random = new java.util.Random(5);
      double[] other = random.doubles(ODD_LENGTH, -900, -100).toArray();
      double otherMean = Vectors.mean(other);
      for (int count = 1; count <= 9; count++) {
        double[][] rows = randomRows(random, count);
        double[] means = means(rows);
        double[] out = new double[count];
        kernel.sums(rows, means, count, other, otherMean, out);
        for (int b = 0; b < count; b++) {
          assertThat(out[b]).as("%s, row %d of %d", kernel.description(), b, count)
              .isEqualTo(kernel.sum(rows[b], means[b], other, otherMean));
        }
      }
    }
  }

  /** Not a multiple of anything a kernel unrolls or of any lane count. */
  private static final int ODD_LENGTH = 1_003;

  private static double[][] randomRows(java.util.Random random, int count) {
    double[][] rows = new double[count][];
    for (int b = 0; b < count; b++) {
      rows[b] = random.doubles(ODD_LENGTH, -900, -100).toArray();
    }
    return rows;
  }

  private static double[] means(double[][] rows) {
    double[] means = new double[rows.length];
    for (int b = 0; b < rows.length; b++) {
      means[b] = Vectors.mean(rows[b]);
    }
    return means;
  }

  @Test
  void eachKernelSumsTheSquaredCentredDifferencesToRounding() {
    java.util.Random random = new java.util.Random(11);
    for (int n : new int[] {1, 3, 4, 7, 8, 1_003, 10_000}) {
      double[] row = random.doubles(n, -900, -100).toArray();
      double[] other = random.doubles(n, -900, -100).toArray();
      double rowMean = Vectors.mean(row);
      double otherMean = Vectors.mean(other);
      java.math.BigDecimal exact = java.math.BigDecimal.ZERO; // of the same rounded differences, summed exactly
      for (int s = 0; s < n; s++) {
        java.math.BigDecimal d = new java.math.BigDecimal((row[s] - rowMean) - (other[s] - otherMean));
        exact = exact.add(d.multiply(d));
      }
      for (CentredDistanceKernel kernel : kernels()) {
        assertThat(kernel.sum(row, rowMean, other, otherMean)).as("%s, N = %d", kernel.description(), n)
            .isCloseTo(exact.doubleValue(), within(exact.doubleValue() * 1e-13));
      }
    }
  }

  @Test
  void theTestJvmRunsTheVectorKernelAsTheAggregatorDoes() {
    // surefire passes --add-modules jdk.incubator.vector, as the aggregator's launchers do
    assertThat(KlDivergence.kernelDescription()).startsWith("vector (");
  }

  private static java.util.List<CentredDistanceKernel> kernels() {
    return java.util.List.of(new ScalarCentredDistances(), new VectorCentredDistances());
  }
}
