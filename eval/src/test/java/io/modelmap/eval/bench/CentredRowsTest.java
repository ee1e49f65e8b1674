package io.modelmap.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CentredRowsTest {
  @Test
  void shouldDoubleCentreTheHandWorkedMatrix() {
    CentredRows centred = CentredRows.of(HandWorkedL.L);

    assertThat(centred.columnMeans()).containsExactly(HandWorkedL.COLUMN_MEANS, within(1e-15));
    for (int i = 0; i < 3; i++) {
      assertThat(centred.q()[i]).as("q row %d", i).containsExactly(HandWorkedL.Q[i], within(1e-15));
    }
  }
}
