package io.modelmap.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.math.BatchReference;
import org.junit.jupiter.api.Test;

class NotebookBaselineTest {
  @Test
  void shouldComputeEveryPairwiseKlOfTheHandWorkedMatrix() {
    NotebookBaseline recompute = NotebookBaseline.of(HandWorkedL.L);

    for (int i = 0; i < 3; i++) {
      assertThat(recompute.klNats()[i]).as("KL row %d", i).containsExactly(HandWorkedL.KL[i], within(1e-15));
    }
    assertThat(recompute.columnMeans()).containsExactly(HandWorkedL.COLUMN_MEANS, within(1e-15));
    assertThat(recompute.nanos()).isPositive();
  }

  @Test
  void shouldEqualTheBatchReferenceOnEveryPair() {
    double[][] l = RandomL.of(9, 300, 17);
    BatchReference reference = BatchReference.of(l);

    double[][] kl = NotebookBaseline.of(l).klNats();

    for (int i = 0; i < l.length; i++) {
      for (int j = 0; j < l.length; j++) {
        double expected = reference.klNats(i, j);
        assertThat(kl[i][j]).as("the scalar loops' KL[%d][%d]", i, j).isCloseTo(expected, within(1e-12 * expected));
      }
    }
  }
}
