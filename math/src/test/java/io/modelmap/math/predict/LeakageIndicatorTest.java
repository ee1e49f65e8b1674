package io.modelmap.math.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LeakageIndicatorTest {

  @Test
  void benchmarkStandingAveragesEachModelsZScoresOverTheBenchmarksItHas() {
    // a: 1, 3 → z = ∓1/√2 (sample sd √2); b: 10, 20, 30 → z = −1, 0, 1 (sample sd 10)
    Map<String, Double> standing = LeakageIndicator.benchmarkStanding(Map.of(
        "a", Map.of("m1", 1.0, "m2", 3.0),
        "b", Map.of("m1", 10.0, "m2", 20.0, "m3", 30.0)));
    double half = Math.sqrt(0.5);
    assertThat(standing).hasSize(3);
    assertThat(standing.get("m1")).isCloseTo((-half - 1) / 2, within(1e-12));
    assertThat(standing.get("m2")).isCloseTo(half / 2, within(1e-12));
    assertThat(standing.get("m3")).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void aBenchmarkOnWhichAllModelsTieRanksNobody() {
    Map<String, Double> standing = LeakageIndicator.benchmarkStanding(Map.of("a", Map.of("m1", 0.5, "m2", 0.5)));
    assertThat(standing).containsEntry("m1", 0.0).containsEntry("m2", 0.0);
  }
}
