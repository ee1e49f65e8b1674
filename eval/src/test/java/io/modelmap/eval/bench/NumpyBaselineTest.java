package io.modelmap.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.math.BatchReference;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumpyBaselineTest {
  @TempDir
  Path dir;

  @Test
  void shouldReadBackNumpysKlRowsOfTheSampledModels() throws Exception {
    Optional<NumpyBaseline> numpy = NumpyBaseline.of(HandWorkedL.L, dir, new int[] {1, 2}, 1, false);
    assumeTrue(numpy.isPresent(), "needs python3 (or $MODELMAP_PYTHON) with NumPy");

    assertThat(numpy.get().klRows()[0]).containsExactly(HandWorkedL.KL[1], within(1e-14));
    assertThat(numpy.get().klRows()[1]).containsExactly(HandWorkedL.KL[2], within(1e-14));
    assertThat(numpy.get().describe()).startsWith("NumPy ");
    assertThat(dir.resolve("L.f64")).as("the exchange files are removed").doesNotExist();
    assertThat(dir.resolve("KL.f64")).doesNotExist();
  }

  @Test
  void shouldComputeOnlyTheSampledRowsInTheirOrderWhereKTimesKDoesNotFit() throws Exception {
    Optional<NumpyBaseline> numpy = NumpyBaseline.of(HandWorkedL.L, dir, new int[] {2, 0}, 1, true);
    assumeTrue(numpy.isPresent(), "needs python3 (or $MODELMAP_PYTHON) with NumPy");

    assertThat(numpy.get().klRows()[0]).containsExactly(HandWorkedL.KL[2], within(1e-14));
    assertThat(numpy.get().klRows()[1]).containsExactly(HandWorkedL.KL[0], within(1e-14));
    assertThat(numpy.get().extrapolatedFromRows()).isEqualTo(2);
    assertThat(numpy.get().seconds()).isPositive();
    assertThat(dir.resolve("rows.i32")).as("the exchange files are removed").doesNotExist();
  }

  @Test
  void shouldSayAWholeRecomputeWasNotExtrapolated() throws Exception {
    Optional<NumpyBaseline> numpy = NumpyBaseline.of(HandWorkedL.L, dir, new int[] {0}, 1, false);
    assumeTrue(numpy.isPresent(), "needs python3 (or $MODELMAP_PYTHON) with NumPy");

    assertThat(numpy.get().extrapolatedFromRows()).isZero();
  }

  @Test
  void shouldDescribeTheBlasKernelAndThreadsTheScriptReported() throws Exception {
    JsonNode report = new ObjectMapper().readTree("{\"seconds\": 0.14, \"numpy\": \"2.4.6\", \"peak_rss_mib\": 891.6,"
        + " \"blas\": \"openblas\", \"blas_version\": \"0.3.31\", \"threads\": 2, \"core\": \"SkylakeX\"}");

    assertThat(NumpyBaseline.describe(report)).isEqualTo("NumPy 2.4.6, openblas 0.3.31 (SkylakeX kernels), 2 threads,"
        + " peak 892 MiB, OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset");
  }

  @Test
  void shouldReportTheKernelTheBaselineRanOn() throws Exception {
    Optional<NumpyBaseline> numpy = NumpyBaseline.of(HandWorkedL.L, dir, new int[] {1}, 1, false);
    assumeTrue(numpy.isPresent(), "needs python3 (or $MODELMAP_PYTHON) with NumPy");

    assertThat(numpy.get().describe()).as("an OpenBLAS build names its kernel").matches(
        d -> !d.contains("openblas") || d.matches(".*openblas \\S+ \\(\\w+ kernels\\), \\d+ threads.*"));
  }

  @Test
  void shouldEqualTheBatchReferenceOnTheSampledRows() throws Exception {
    double[][] l = RandomL.of(9, 300, 17);
    int[] sample = {0, 4, 8};
    Optional<NumpyBaseline> numpy = NumpyBaseline.of(l, dir, sample, 1, false);
    assumeTrue(numpy.isPresent(), "needs python3 (or $MODELMAP_PYTHON) with NumPy");
    BatchReference reference = BatchReference.of(l);

    for (int r = 0; r < sample.length; r++) {
      for (int j = 0; j < l.length; j++) {
        double expected = reference.klNats(sample[r], j);
        assertThat(numpy.get().klRows()[r][j]).as("NumPy's KL[%d][%d]", sample[r], j)
            .isCloseTo(expected, within(1e-12 * expected));
      }
    }
  }
}
