package io.modelmap.eval.cpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.math.collab.TrainingSettings;
import org.junit.jupiter.api.Test;

class CppTrainingTest {
  @Test
  void shouldFitInBatchesOfSixteenWithTenFactorsAndTheSplitsSeed() {
    assertThat(new CppTraining(300, 0.003, 1e-4).settings(7)).isEqualTo(new TrainingSettings(300, 16, 0.003, 1e-4, 10, 7));
  }

  @Test
  void shouldRefuseSettingsTheFitWouldRefuse() {
    assertThatThrownBy(() -> new CppTraining(0, 0.003, 1e-4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CppTraining(1, 0, 1e-4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CppTraining(1, 0.003, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
