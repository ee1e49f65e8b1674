package io.modelmap.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumpyRecomputeTest {
  @TempDir
  Path dir;

  @Test
  void shouldReadBackNumpysKlRowsOfTheSampledModels() throws Exception {
    Optional<NumpyRecompute> numpy = NumpyRecompute.of(HandWorkedL.L, dir, new int[] {1, 2}, 1);
    assumeTrue(numpy.isPresent(), "needs python3 (or $MODELMAP_PYTHON) with NumPy");

    assertThat(numpy.get().klRows()[0]).containsExactly(HandWorkedL.KL[1], within(1e-14));
    assertThat(numpy.get().klRows()[1]).containsExactly(HandWorkedL.KL[2], within(1e-14));
    assertThat(numpy.get().describe()).startsWith("NumPy ");
    assertThat(dir.resolve("L.f64")).as("the exchange files are removed").doesNotExist();
    assertThat(dir.resolve("KL.f64")).doesNotExist();
  }
}
