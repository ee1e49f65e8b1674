package io.modelmap.eval.cpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.math.collab.HeldOutQuality;
import io.modelmap.math.collab.WithinRowRanks;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualitySummaryTest {
  @Test
  void shouldGiveMeanAndSampleSdOfEachMetric() {
    // two runs: means halfway; each metric's runs differ by 0.02 or 0.2, sample sd = |a − b| / √2
    QualitySummary s = QualitySummary.of(List.of(new HeldOutQuality(10, 0.01, 0.1, 0.5, 0.8,
        new WithinRowRanks(10, 0.4, 0.9)),
        new HeldOutQuality(10, 0.03, 0.3, 0.7, 1.0, new WithinRowRanks(10, 0.6, 1.0))));

    assertThat(s.mean()).containsExactly(new double[] {0.02, 0.2, 0.6, 0.9}, within(1e-15));
    assertThat(s.sd()).containsExactly(new double[] {0.02 / Math.sqrt(2), 0.2 / Math.sqrt(2), 0.2 / Math.sqrt(2),
        0.2 / Math.sqrt(2)}, within(1e-15));
  }

  @Test
  void shouldGiveZeroSdForOneRunAndNanForNone() {
    QualitySummary one = QualitySummary.of(List.of(new HeldOutQuality(3, 0.5, 0.25, 1, 1, new WithinRowRanks(3, 1, 1))));
    QualitySummary none = QualitySummary.of(List.of());

    assertThat(one.mean()).containsExactly(0.5, 0.25, 1, 1);
    assertThat(one.sd()).containsExactly(0, 0, 0, 0);
    assertThat(none.mean()).containsOnly(Double.NaN);
  }

  @Test
  void shouldGiveMeanAndSampleSdOfTheWithinRowRanks() {
    // MAE@0 0.4 and 0.6: mean 0.5, sd 0.2/√2; MAE@2 0.9 and 1.0: mean 0.95, sd 0.1/√2
    QualitySummary s = QualitySummary.withinRow(List.of(new HeldOutQuality(10, 0.01, 0.1, 0.5, 0.8,
        new WithinRowRanks(10, 0.4, 0.9)), new HeldOutQuality(10, 0.03, 0.3, 0.7, 1.0, new WithinRowRanks(10, 0.6, 1.0))));

    assertThat(s.mean()).containsExactly(new double[] {0.5, 0.95}, within(1e-15));
    assertThat(s.sd()).containsExactly(new double[] {0.2 / Math.sqrt(2), 0.1 / Math.sqrt(2)}, within(1e-15));
  }
}
