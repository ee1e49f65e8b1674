package io.modelmap.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.producer.synthetic.SyntheticMatrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PredictionLoadTest {
  @Test
  void shouldNameTheSyntheticBenchmarks() {
    assertThat(PredictionLoad.benchmarkId(0)).isEqualTo("synthetic-bench-0");
    assertThat(PredictionLoad.benchmarkId(12)).isEqualTo("synthetic-bench-12");
  }

  @Test
  void shouldScoreEachObservedModelAsALinearReadOutOfItsRowPlusSmallNoise() {
    SyntheticMatrix matrix = new SyntheticMatrix(6, 20, 2, 7);
    PredictionLoad load = new PredictionLoad(matrix, 2, 4, 3);

    // the documented recipe, drawn here: weights N(0,1)/N benchmark by benchmark, then per model and
    // benchmark the read-out plus 0.01·N(0,1)
    Random random = new Random(3);
    double[][] w = new double[2][20];
    for (double[] row : w) {
      for (int s = 0; s < 20; s++) {
        row[s] = random.nextGaussian() / 20;
      }
    }
    for (int m = 0; m < 4; m++) {
      for (int b = 0; b < 2; b++) {
        double readOut = 0;
        for (int s = 0; s < 20; s++) {
          readOut += w[b][s] * matrix.row(m)[s];
        }
        double expected = readOut + 0.01 * random.nextGaussian();
        assertThat(load.score(b, m)).as("model %d, benchmark %d", m, b).isCloseTo(expected, within(1e-12));
      }
    }
    assertThat(load.benchmarks()).isEqualTo(2);
    assertThat(load.observed()).isEqualTo(4);
  }
}
