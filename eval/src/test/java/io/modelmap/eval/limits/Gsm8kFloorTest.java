package io.modelmap.eval.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.formats.benchmark.CppTableReader;
import io.modelmap.math.collab.ScoreMatrix;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;

/**
 * GSM8K's floor in the only GSM8K scores the shared data holds (the CPP table, 72 models × 29 tasks):
 * how many scored models are under 5, and how well a measure of general ability (MMLU, 5-shot) ranks
 * models above the floor against at it. Expected values: {@code data_limits.py}, independent plain Python.
 */
class Gsm8kFloorTest {
  private static final double FLOOR = 5;

  @Test
  void shouldCountTheModelsAtTheFloorAndShowThatAbilityRanksThemPoorly() throws IOException {
    ScoreMatrix s = CppTableReader.read(DataLimits.data("cpp/crowdsource_performance.csv"),
        DataLimits.data("cpp/model_feature.csv"), DataLimits.data("cpp/benchmark_feature.csv")).scores();
    int gsm8k = s.tasks().indexOf("GSM8K(4-shot)");
    int mmlu = s.tasks().indexOf("MMLU(5-shot)");
    List<double[]> all = new ArrayList<>();
    for (int m = 0; m < s.models().size(); m++) {
      if (s.known(m, gsm8k) && s.known(m, mmlu)) {
        all.add(new double[] {s.score(m, gsm8k), s.score(m, mmlu)});
      }
    }
    List<double[]> floor = all.stream().filter(p -> p[0] < FLOOR).toList();
    List<double[]> above = all.stream().filter(p -> p[0] >= FLOOR).toList();
    Properties expected = DataLimits.expected();

    assertThat(s.models()).hasSize(Integer.parseInt(expected.getProperty("gsm8k.models")));
    assertThat(all).hasSize(Integer.parseInt(expected.getProperty("gsm8k.scored")));
    assertThat(floor).hasSize(Integer.parseInt(expected.getProperty("gsm8k.underFloor"))).hasSize(14);
    assertThat(pearson(all)).isCloseTo(DataLimits.number(expected, "gsm8k.pearsonMmlu.all"), within(1e-12));
    assertThat(pearson(above)).isCloseTo(DataLimits.number(expected, "gsm8k.pearsonMmlu.above"), within(1e-12));
    assertThat(pearson(floor)).isCloseTo(DataLimits.number(expected, "gsm8k.pearsonMmlu.floor"), within(1e-12))
        .isLessThan(0.5);
  }

  private static double pearson(List<double[]> pairs) {
    return new PearsonsCorrelation().correlation(pairs.stream().mapToDouble(p -> p[0]).toArray(),
        pairs.stream().mapToDouble(p -> p[1]).toArray());
  }
}
