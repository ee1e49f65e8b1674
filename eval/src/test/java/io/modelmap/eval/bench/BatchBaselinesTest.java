package io.modelmap.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.math.BatchReference;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchBaselinesTest {
  @TempDir
  Path dir;

  @Test
  void shouldNameNumpyTheFastestWhenItBeatsTheBlockedProduct() {
    BatchBaselines b = new BatchBaselines(9, false, 2.0, 0, Optional.of(new BatchBaselines.Numpy(1.5, "numpy", 0)));

    assertThat(b.fastestSeconds()).isEqualTo(1.5);
    assertThat(b.fastestName()).isEqualTo("NumPy");
  }

  @Test
  void shouldNameTheBlockedProductWhenNumpyIsSlowerOrAbsent() {
    BatchBaselines slower = new BatchBaselines(9, false, 2.0, 0, Optional.of(new BatchBaselines.Numpy(3, "numpy", 0)));
    BatchBaselines absent = new BatchBaselines(9, false, 2.0, 0, Optional.empty());

    assertThat(slower.fastestSeconds()).isEqualTo(2.0);
    assertThat(slower.fastestName()).isEqualTo("Java blocked");
    assertThat(absent.fastestSeconds()).isEqualTo(2.0);
    assertThat(absent.fastestName()).isEqualTo("Java blocked");
  }

  @Test
  void shouldNameNumpyWhereTheBlockedProductWasNotRunAndTheLoopsWhereNeitherWas() {
    BatchBaselines rowsOnly = new BatchBaselines(900, true, Double.NaN, Double.NaN,
        Optional.of(new BatchBaselines.Numpy(60, "numpy", 0, 1_020)));
    BatchBaselines loopsOnly = new BatchBaselines(900, true, Double.NaN, Double.NaN, Optional.empty());

    assertThat(rowsOnly.fastestName()).isEqualTo("NumPy");
    assertThat(rowsOnly.fastestSeconds()).isEqualTo(60);
    assertThat(loopsOnly.fastestName()).isEqualTo("scalar Java loops");
    assertThat(loopsOnly.fastestSeconds()).isEqualTo(900);
  }

  @Test
  void shouldRunTheScalarLoopsWholeAndCheckEveryBaselineAgainstTheReferenceOnASmallMatrix() throws Exception {
    SampledReference reference = SampledReference.of(BatchReference.of(HandWorkedL.L), new int[] {0, 1, 2});
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    BatchBaselines b = BatchBaselines.measure(HandWorkedL.L, reference, dir, new PrintStream(printed, true,
        StandardCharsets.UTF_8));

    assertThat(b.scalarExtrapolated()).as("3 models are far below the scalar limit").isFalse();
    assertThat(b.blockedMaxRelative()).isLessThanOrEqualTo(1e-14);
    b.numpy().ifPresent(n -> assertThat(n.maxRelative()).as("NumPy's KL, where present").isLessThanOrEqualTo(1e-14));
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Scalar loops: ", "Blocked Java Gram: ");
  }
}
