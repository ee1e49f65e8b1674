package io.modelmap.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.math.BatchReference;
import io.modelmap.math.predict.RidgeCrossValidation;
import io.modelmap.producer.synthetic.SyntheticMatrix;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StreamCheckTest {
  // the hand-worked L (HandWorkedL): KL01 = 1/3, KL02 = 1, KL12 = 4/3; ξ̄ = (−1/3, −2/3, 1)
  private static final List<String> IDS = List.of("a", "b", "c");
  private static final BatchReference REFERENCE = BatchReference.of(HandWorkedL.L);
  private static final SampledReference ALL = SampledReference.of(REFERENCE, new int[] {0, 1, 2});
  private static final List<Double> MEANS = List.of(-1.0 / 3, -2.0 / 3, 1.0);

  @Test
  void shouldFindNoDifferenceInListsEqualToTheReference() {
    StreamCheck.NeighbourCheck check = StreamCheck.neighbours(IDS, REFERENCE, ALL, lists(1.0 / 3), MEANS);

    assertThat(check.lists()).isEqualTo(3);
    assertThat(check.maxRelative()).isLessThanOrEqualTo(1e-15);
  }

  @Test
  void shouldReportAWrongKlAsItsRelativeDifference() {
    // a's nearest, b, streamed at 1/3 · 1.001
    StreamCheck.NeighbourCheck check = StreamCheck.neighbours(IDS, REFERENCE, ALL, lists(1.001 / 3), MEANS);

    assertThat(check.maxRelative()).isCloseTo(1e-3, within(1e-12));
  }

  @Test
  void shouldReportAListInTheWrongOrderForASampledModel() {
    // a's list with c first: each KL is right for its pair, but rank 0 should be 1/3: |1 − 1/3| / (1/3) = 2
    Map<String, List<StreamCheck.Neighbour>> lists = new java.util.HashMap<>(lists(1.0 / 3));
    lists.put("a", List.of(new StreamCheck.Neighbour("c", 1), new StreamCheck.Neighbour("b", 1.0 / 3)));

    assertThat(StreamCheck.neighbours(IDS, REFERENCE, ALL, lists, MEANS).maxRelative()).isCloseTo(2, within(1e-12));
  }

  @Test
  void shouldReportWrongColumnMeans() {
    // ξ̄_3 = 1 streamed as 1.01
    assertThat(StreamCheck.neighbours(IDS, REFERENCE, ALL, lists(1.0 / 3), List.of(-1.0 / 3, -2.0 / 3, 1.01))
        .maxRelative()).isCloseTo(0.01, within(1e-12));
  }

  @Test
  void shouldCompareProbePredictionsWithRidgeOnTheReferenceKl() {
    // 14 models in 3 families, the first 10 observed on 2 benchmarks, models 12 and 13 probed
    SyntheticMatrix matrix = new SyntheticMatrix(14, 40, 3, 5);
    double[][] l = IntStream.range(0, 14).mapToObj(matrix::row).toArray(double[][]::new);
    BatchReference reference = BatchReference.of(l);
    PredictionLoad load = new PredictionLoad(matrix, 2, 10, 9);
    List<String> ids = IntStream.range(0, 14).mapToObj(matrix::modelId).toList();
    List<String> families = IntStream.range(0, 14).mapToObj(m -> String.format("fam%02d", matrix.family(m))).toList();
    // ridge written out here: training sorted by id, distances 2·KL, 5 folds grouped by family
    List<Integer> training = IntStream.range(0, 10).boxed().sorted(java.util.Comparator.comparing(ids::get)).toList();
    double[][] d = new double[10][10];
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 10; j++) {
        d[i][j] = i == j ? 0 : 2 * reference.klNats(training.get(i), training.get(j));
      }
    }
    Map<String, Double> expected = new java.util.HashMap<>();
    for (int b = 0; b < 2; b++) {
      int benchmark = b;
      double[] y = training.stream().mapToDouble(m -> load.score(benchmark, m)).toArray();
      var ridge = RidgeCrossValidation.fitAll(d, y, training.stream().map(families::get).toList(), 5).ridge();
      for (int m = 12; m < 14; m++) {
        int model = m;
        expected.put(ids.get(m) + "/" + PredictionLoad.benchmarkId(b),
            ridge.predict(training.stream().mapToDouble(t -> 2 * reference.klNats(model, t)).toArray()));
      }
    }

    double exact = StreamCheck.predictions(ids, families, reference, load, 12, (m, b) -> expected.get(m + "/" + b));
    double off = StreamCheck.predictions(ids, families, reference, load, 12,
        (m, b) -> expected.get(m + "/" + b) + (m.equals(ids.get(13)) ? 0.25 : 0));

    assertThat(exact).isLessThanOrEqualTo(1e-12);
    assertThat(off).isCloseTo(0.25, within(1e-9));
  }

  /** Each model's two neighbours, nearest first, a's nearest (b) streamed at {@code aToB}. */
  private static Map<String, List<StreamCheck.Neighbour>> lists(double aToB) {
    return Map.of("a", List.of(new StreamCheck.Neighbour("b", aToB), new StreamCheck.Neighbour("c", 1)),
        "b", List.of(new StreamCheck.Neighbour("a", 1.0 / 3), new StreamCheck.Neighbour("c", 4.0 / 3)),
        "c", List.of(new StreamCheck.Neighbour("a", 1), new StreamCheck.Neighbour("b", 4.0 / 3)));
  }
}
