package io.modelmap.aggregator.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.aggregator.prediction.CollaborativeSettings;
import io.modelmap.aggregator.prediction.PredictionSettings;
import io.modelmap.schemas.avro.BenchmarkRegistered;
import io.modelmap.schemas.avro.BenchmarkScore;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.PredictionQuality;
import io.modelmap.schemas.avro.ScorePrediction;
import io.modelmap.schemas.avro.ScorePredictions;
import io.modelmap.schemas.key.CompositeKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;

/**
 * Collaborative prediction (method cpp) in the topology, on a score matrix the design factors explain:
 * score = 0.2 + 0.5 · w_b · size + family effect, size = log₂(parameters / 10⁸) / 9. Missing cells are
 * predicted, observed ones carry their out-of-fold prediction, and a model registered after the fit is
 * predicted at once from its factors, with no refit.
 */
class CollaborativeTopologyTest {
  private static final int MODELS = 30;
  private static final List<String> BENCHMARKS = List.of("arc_challenge", "hellaswag", "mmlu 5-shot", "truthfulqa:mc2");
  private static final double[] WEIGHT = {1.0, 0.8, 0.6, 1.2};
  private static final double[] FAMILY_EFFECT = {0, 0.1, -0.1};

  private static String model(int i) {
    return "org-" + (i % 3) + "/Model-" + i + "B";
  }

  private static long parameters(int i) {
    return 100_000_000L << (i % 10);
  }

  private static double truth(int family, long parameters, int benchmark) {
    double size = Math.log(parameters / 1e8) / Math.log(2) / 9;
    return 0.2 + 0.5 * WEIGHT[benchmark] * size + FAMILY_EFFECT[family];
  }

  private static boolean missing(int i, int b) {
    return (i + b) % 7 == 0;
  }

  @Test
  void missingScoresAndANewModelArePredictedFromTheMatrixAndTheFactors() throws Exception {
    CollaborativeSettings cpp = new CollaborativeSettings(20, Duration.ofSeconds(5), 150, 8, 4, 5);
    PredictionSettings d = PredictionSettings.defaults();
    try (AggregatorHarness h = new AggregatorHarness(config -> config.optPrediction(
        new PredictionSettings(d.minObserved(), d.folds(), d.grouping(), d.analyticsInterval(), cpp, d.embedding())))) {
      TestInputTopic<String, ModelRegistered> registered = h.input(h.topics.modelRegistered());
      TestInputTopic<String, BenchmarkScore> scores = h.input(h.topics.benchmarkScores());
      TestInputTopic<String, BenchmarkRegistered> benchmarks = h.input(h.topics.benchmarkRegistered());
      TestOutputTopic<String, ScorePredictions> predictions = h.output(h.topics.scorePredictions());
      TestOutputTopic<String, PredictionQuality> quality = h.output(h.topics.predictionQuality());

      for (int i = 0; i < MODELS; i++) {
        registered.pipeInput(model(i), registration(model(i), i % 3, parameters(i)));
      }
      benchmarks.pipeInput("mmlu 5-shot", BenchmarkRegistered.newBuilder().setBenchmarkId("mmlu 5-shot")
          .setAbility("knowledge").setOutputFormat("multiple-choice").setShots(5).build());
      for (int i = 0; i < MODELS; i++) {
        for (int b = 0; b < BENCHMARKS.size(); b++) {
          if (!missing(i, b)) {
            scores.pipeInput(CompositeKey.of(model(i), BENCHMARKS.get(b)), BenchmarkScore.newBuilder()
                .setModelId(model(i)).setBenchmarkId(BENCHMARKS.get(b)).setMetric("acc_norm")
                .setValue(truth(i % 3, parameters(i), b)).build());
          }
        }
      }
      h.advance(Duration.ofSeconds(2));
      assertThat(quality.readKeyValuesToMap()).as("the refit waits for the debounce").isEmpty();

      Map<String, ScorePredictions> published = new HashMap<>();
      Map<String, PredictionQuality> qualities = new HashMap<>();
      h.advanceUntil(() -> {
        published.putAll(predictions.readKeyValuesToMap());
        qualities.putAll(quality.readKeyValuesToMap());
        return qualities.size() == BENCHMARKS.size();
      });

      assertThat(published).hasSize(MODELS);
      double error = 0;
      double baseline = 0;
      for (int i = 0; i < MODELS; i++) {
        List<ScorePrediction> cpp0 = published.get(model(i)).getPredictions();
        assertThat(cpp0).hasSize(BENCHMARKS.size());
        for (int b = 0; b < BENCHMARKS.size(); b++) {
          ScorePrediction p = cpp0.get(b);
          assertThat(p.getBenchmarkId()).hasToString(BENCHMARKS.get(b));
          assertThat(p.getMethod()).hasToString("cpp");
          assertThat(p.getTrainingModels()).isEqualTo(MODELS);
          if (missing(i, b)) {
            assertThat(p.getObserved()).isNull();
            assertThat(p.getOutOfFold()).isNull();
            error += Math.abs(p.getPredicted() - truth(i % 3, parameters(i), b));
            baseline += Math.abs(benchmarkMean(b) - truth(i % 3, parameters(i), b));
          } else {
            assertThat(p.getObserved()).isEqualTo(truth(i % 3, parameters(i), b));
            assertThat(p.getOutOfFold()).isNotNull();
          }
        }
      }
      assertThat(error).as("missing cells against the benchmark means' error %s", baseline).isLessThan(0.3 * baseline);
      for (String benchmark : BENCHMARKS) {
        PredictionQuality q = qualities.get(CompositeKey.of(benchmark, "cpp"));
        assertThat(q.getGrouping()).hasToString("scores");
        assertThat(q.getGroupedBy()).hasToString("scores");
        assertThat(q.getPearsonR()).as("out-of-fold r on %s", benchmark).isGreaterThan(0.9);
        assertThat(q.getMeanSquaredError()).isPositive();
        assertRankQualityMatchesThePublishedOutOfFoldPredictions(q, published, BENCHMARKS.indexOf(benchmark));
      }

      // a new model, after the fit and with no score: predicted from its factors at once, with no refit
      long giant = 100_000_000L << 9;
      registered.pipeInput("org-1/Giant-51B", registration("org-1/Giant-51B", 1, giant));
      ScorePredictions fresh = predictions.readKeyValuesToMap().get("org-1/Giant-51B");
      assertThat(fresh).as("before any punctuation").isNotNull();
      assertThat(fresh.getCorpusId()).hasToString("");
      double freshError = 0;
      double freshBaseline = 0;
      for (int b = 0; b < BENCHMARKS.size(); b++) {
        ScorePrediction p = fresh.getPredictions().get(b);
        assertThat(p.getObserved()).isNull();
        freshError += Math.abs(p.getPredicted() - truth(1, giant, b));
        freshBaseline += Math.abs(benchmarkMean(b) - truth(1, giant, b));
      }
      assertThat(freshError).as("from its factors against the benchmark means' error %s", freshBaseline)
          .isLessThan(0.5 * freshBaseline);
      h.advance(Duration.ofSeconds(10));
      Thread.sleep(200);
      h.advance(Duration.ofSeconds(2));
      assertThat(quality.readKeyValuesToMap()).as("a registration without scores refits nothing").isEmpty();

      benchmarks.pipeInput("gsm8k", BenchmarkRegistered.newBuilder().setBenchmarkId("gsm8k").setShots(-8).build());
      List<DeadLetter> rejected = h.deadLetters(h.topics.benchmarkRegistered().name());
      assertThat(rejected).hasSize(1);
      assertThat(rejected.get(0).getErrorClass()).hasToString("negative-shots");
    }
  }

  /**
   * L1, rank accuracy and MAE@0/MAE@2 recomputed here from the published out-of-fold predictions and
   * observed scores, with ranks from sorted copies (an independent route to the same definitions).
   */
  private static void assertRankQualityMatchesThePublishedOutOfFoldPredictions(PredictionQuality q,
      Map<String, ScorePredictions> published, int b) {
    List<double[]> pairs = new java.util.ArrayList<>();
    for (int i = 0; i < MODELS; i++) {
      ScorePrediction p = published.get(model(i)).getPredictions().get(b);
      if (p.getObserved() != null) {
        pairs.add(new double[] {p.getOutOfFold(), p.getObserved()});
      }
    }
    double[] predicted = pairs.stream().mapToDouble(p -> p[0]).toArray();
    double[] observed = pairs.stream().mapToDouble(p -> p[1]).toArray();
    int n = pairs.size();
    double l1 = 0;
    int hits = 0;
    int exact = 0;
    int within2 = 0;
    for (int i = 0; i < n; i++) {
      l1 += Math.abs(predicted[i] - observed[i]);
      double[] others = new double[n - 1];
      for (int j = 0, k = 0; j < n; j++) {
        if (j != i) {
          others[k++] = -observed[j]; // descending order by sorting the negatives
        }
      }
      java.util.Arrays.sort(others);
      hits += firstAbove(others, -predicted[i]) == firstAbove(others, -observed[i]) ? 1 : 0;
      int error = Math.abs(ascendingMinRank(predicted, predicted[i]) - ascendingMinRank(observed, observed[i]));
      exact += error == 0 ? 1 : 0;
      within2 += error <= 2 ? 1 : 0;
    }
    assertThat(q.getMeanAbsoluteError()).isCloseTo(l1 / n, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(q.getRankAccuracy()).isEqualTo((double) hits / n);
    assertThat(q.getMaeAt0()).isEqualTo((double) exact / n);
    assertThat(q.getMaeAt2()).isEqualTo((double) within2 / n);
  }

  /** In ascending {@code sorted}, how many entries lie strictly below {@code value}. */
  private static int firstAbove(double[] sorted, double value) {
    int k = 0;
    while (k < sorted.length && sorted[k] < value) {
      k++;
    }
    return k;
  }

  /** pandas' rank(method='min'): 1 + the position of {@code value}'s first occurrence in a sorted copy. */
  private static int ascendingMinRank(double[] values, double value) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return 1 + firstAbove(sorted, value);
  }

  private static ModelRegistered registration(String id, int family, long parameters) {
    return ModelRegistered.newBuilder().setModelId(id).setSourceUri("imported:").setCorpusId(AggregatorHarness.CORPUS)
        .setFamily("org-" + family).setModelType("base").setParameterCount(parameters).build();
  }

  private static double benchmarkMean(int b) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < MODELS; i++) {
      if (!missing(i, b)) {
        sum += truth(i % 3, parameters(i), b);
        n++;
      }
    }
    return sum / n;
  }
}
