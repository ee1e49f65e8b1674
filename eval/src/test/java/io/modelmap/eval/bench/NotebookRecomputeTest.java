package io.modelmap.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NotebookRecomputeTest {
  @Test
  void shouldComputeEveryPairwiseKlOfTheHandWorkedMatrix() {
    NotebookRecompute recompute = NotebookRecompute.of(HandWorkedL.L);

    for (int i = 0; i < 3; i++) {
      assertThat(recompute.klNats()[i]).as("KL row %d", i).containsExactly(HandWorkedL.KL[i], within(1e-15));
    }
    assertThat(recompute.columnMeans()).containsExactly(HandWorkedL.COLUMN_MEANS, within(1e-15));
    assertThat(recompute.nanos()).isPositive();
  }
}
