package io.modelmap.aggregator.app;

import static io.modelmap.aggregator.app.AggregatorHarness.chunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.math.BatchReference;
import io.modelmap.math.predict.RidgeCrossValidation;
import io.modelmap.math.map.ClusteringOrder;
import io.modelmap.schemas.avro.BenchmarkScore;
import io.modelmap.schemas.avro.LeakageEntry;
import io.modelmap.schemas.avro.ModelAnalytics;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.PredictionQuality;
import io.modelmap.schemas.avro.ScorePrediction;
import io.modelmap.schemas.avro.ScorePredictions;
import io.modelmap.schemas.key.CompositeKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;

/**
 * Streamed predictions against the batch protocol on the same data: ridge from Q on the distances of the
 * complete rows, folds grouped by the registered family, every complete model predicted, the observed
 * ones also out of fold; a model completing later is predicted at once from the fit as it is.
 */
class PredictionTopologyTest {
  private static final int N = 40;
  private static final int MODELS = 16;
  private static final int OBSERVED = 12;
  private static final String BENCHMARK = "arc_easy";

  private static String model(int i) {
    return "org-" + (i / 2) + "/model-" + i + (i % 3 == 0 ? "@v2" : "");
  }

  @Test
  void predictionsEqualTheBatchProtocolAndALateModelIsPredictedAtOnce() throws Exception {
    Random random = new Random(11);
    double[][] family = new double[MODELS / 2][N];
    for (double[] f : family) {
      for (int s = 0; s < N; s++) {
        f[s] = -1000 - 200 * random.nextDouble();
      }
    }
    double[][] l = new double[MODELS][N];
    double[] y = new double[MODELS];
    for (int i = 0; i < MODELS; i++) {
      double skill = random.nextDouble();
      for (int s = 0; s < N; s++) {
        l[i][s] = family[i / 2][s] + 20 * skill * (s % 2 == 0 ? 1 : -1) + 3 * random.nextGaussian();
      }
      y[i] = 0.4 + 0.3 * skill + 0.01 * random.nextGaussian();
    }

    try (AggregatorHarness h = new AggregatorHarness(OptionalDouble.empty())) {
      TestInputTopic<String, ModelRegistered> registered = h.driver.createInputTopic(h.topics.modelRegistered().name(),
          Serdes.String().serializer(), h.topics.modelRegistered().valueSerde().serializer());
      TestInputTopic<String, BenchmarkScore> observed = h.driver.createInputTopic(h.topics.benchmarkScores().name(),
          Serdes.String().serializer(), h.topics.benchmarkScores().valueSerde().serializer());
      TestOutputTopic<String, ScorePredictions> predictions = h.driver.createOutputTopic(
          h.topics.scorePredictions().name(), Serdes.String().deserializer(),
          h.topics.scorePredictions().valueSerde().deserializer());
      TestOutputTopic<String, PredictionQuality> quality = h.driver.createOutputTopic(
          h.topics.predictionQuality().name(), Serdes.String().deserializer(),
          h.topics.predictionQuality().valueSerde().deserializer());

      TestOutputTopic<String, ModelAnalytics> analytics = h.driver.createOutputTopic(
          h.topics.modelAnalytics().name(), Serdes.String().deserializer(),
          h.topics.modelAnalytics().valueSerde().deserializer());

      h.publishCorpus(N);
      for (int i = 0; i < MODELS; i++) {
        registered.pipeInput(model(i), ModelRegistered.newBuilder().setModelId(model(i)).setSourceUri("imported:")
            .setCorpusId(AggregatorHarness.CORPUS).setFamily("family " + (i / 2)).build());
      }
      for (int i = 0; i < OBSERVED; i++) {
        observed.pipeInput(CompositeKey.of(model(i), BENCHMARK), BenchmarkScore.newBuilder().setModelId(model(i))
            .setBenchmarkId(BENCHMARK).setValue(y[i]).build());
      }
      for (int i = 0; i < MODELS - 1; i++) {
        h.scores.pipeInput(model(i), chunk(model(i), l[i], 0, N));
      }
      Map<String, ScorePredictions> published = new HashMap<>();
      Map<String, PredictionQuality> qualities = new HashMap<>();
      Map<String, ModelAnalytics> analyses = new HashMap<>();
      // refits and analytics run in the background; punctuations publish them once they are in
      h.advanceUntil(() -> {
        published.putAll(predictions.readKeyValuesToMap());
        qualities.putAll(quality.readKeyValuesToMap());
        analyses.putAll(analytics.readKeyValuesToMap());
        return analyses.containsKey(AggregatorHarness.CORPUS);
      });

      // the batch protocol on the same data
      BatchReference batch = BatchReference.of(l);
      double[][] d = new double[OBSERVED][OBSERVED];
      List<String> groups = new ArrayList<>();
      for (int i = 0; i < OBSERVED; i++) {
        groups.add("family " + (i / 2));
        for (int j = 0; j < OBSERVED; j++) {
          d[i][j] = i == j ? 0 : 2 * batch.klNats(i, j);
        }
      }
      double[] yObserved = java.util.Arrays.copyOf(y, OBSERVED);
      RidgeCrossValidation.Fit fit = RidgeCrossValidation.fitAll(d, yObserved, groups, 5);
      RidgeCrossValidation.OutOfFold held = RidgeCrossValidation.outOfFold(d, yObserved, groups, 5);

      assertThat(published).hasSize(MODELS - 1);
      for (int j = 0; j < MODELS - 1; j++) {
        ScorePrediction p = published.get(model(j)).getPredictions().get(0);
        assertThat(p.getBenchmarkId()).isEqualTo(BENCHMARK);
        assertThat(p.getTrainingModels()).isEqualTo(OBSERVED);
        assertThat(p.getPredicted()).as("prediction of %s", model(j))
            .isCloseTo(fit.ridge().predict(toObserved(batch, j)), within(1e-9));
        if (j < OBSERVED) {
          assertThat(p.getObserved()).isEqualTo(y[j]);
          assertThat(p.getOutOfFold()).as("out-of-fold of %s", model(j)).isCloseTo(held.outOfFold()[j], within(1e-9));
        } else {
          assertThat(p.getObserved()).isNull();
          assertThat(p.getOutOfFold()).isNull();
        }
      }
      PredictionQuality q = qualities.get(CompositeKey.of(BENCHMARK, "ridge-q"));
      assertThat(q.getModels()).isEqualTo(OBSERVED);
      assertThat(q.getGrouping()).isEqualTo("family");
      assertThat(q.getGroupedBy()).as("every model registered its family").isEqualTo("family");
      // the grid is scaled to the distances, which the aggregator's SIMD kernel sums in another order
      assertThat(q.getAlpha()).isCloseTo(fit.alpha(), within(1e-12 * fit.alpha()));
      assertThat(q.getPearsonR()).isCloseTo(new PearsonsCorrelation().correlation(held.outOfFold(), yObserved),
          within(1e-12));

      assertAnalytics(analyses.get(AggregatorHarness.CORPUS), l, y, MODELS - 1);

      int late = MODELS - 1;
      h.scores.pipeInput(model(late), chunk(model(late), l[late], 0, N));
      ScorePredictions now = predictions.readKeyValuesToMap().get(model(late));
      assertThat(now).as("the late model, before any punctuation").isNotNull();
      assertThat(now.getPredictions().get(0).getPredicted())
          .isCloseTo(fit.ridge().predict(toObserved(batch, late)), within(1e-9));
      h.advance(Duration.ofSeconds(2));
      assertThat(analytics.readKeyValuesToMap()).as("analytics wait for their interval").isEmpty();
      analyses.clear();
      h.advanceUntil(() -> {
        analyses.putAll(analytics.readKeyValuesToMap());
        return analyses.containsKey(AggregatorHarness.CORPUS);
      });
      assertAnalytics(analyses.get(AggregatorHarness.CORPUS), l, y, MODELS);

      // the aggregator's own measurement never replaces a user's imported score of the same benchmark
      observed.pipeInput(CompositeKey.of(model(0), BENCHMARK), BenchmarkScore.newBuilder().setModelId(model(0))
          .setBenchmarkId(BENCHMARK).setValue(0.99).setSource("measured").build());
      h.advance(Duration.ofSeconds(3));
      assertThat(predictions.readKeyValuesToMap()).as("nothing changed, nothing refitted").isEmpty();
      observed.pipeInput(CompositeKey.of(model(0), BENCHMARK), BenchmarkScore.newBuilder().setModelId(model(0))
          .setBenchmarkId(BENCHMARK).setValue(0.98).build());
      published.clear();
      h.advanceUntil(() -> {
        published.putAll(predictions.readKeyValuesToMap());
        return published.containsKey(model(0));
      });
      assertThat(published.get(model(0)).getPredictions().get(0).getObserved()).isEqualTo(0.98);
    }
  }

  /**
   * Issue 26 (found by ChaosIT): eleven observed models, ten of one family and one of another. Folds
   * grouped by family hold the ten out together and leave a single model to train on, which the ridge
   * cannot fit; that fit used to fail in the background and its punctuation stopped the stream thread
   * (and with it the whole aggregator). Now a fit the protocol cannot make is not attempted: no ridge
   * quality or prediction for the benchmark, and the task goes on (its analytics are published).
   */
  @Test
  void aBenchmarkWhoseFoldsLeaveOneModelToTrainOnIsNotFittedAndNeverStopsTheTask() throws Exception {
    int models = 11;
    Random random = new Random(5);
    double[][] l = new double[models][N];
    for (int i = 0; i < models; i++) {
      for (int s = 0; s < N; s++) {
        l[i][s] = -1000 - 200 * random.nextDouble();
      }
    }
    try (AggregatorHarness h = new AggregatorHarness(OptionalDouble.empty())) {
      TestInputTopic<String, ModelRegistered> registered = h.driver.createInputTopic(h.topics.modelRegistered().name(),
          Serdes.String().serializer(), h.topics.modelRegistered().valueSerde().serializer());
      TestInputTopic<String, BenchmarkScore> observed = h.driver.createInputTopic(h.topics.benchmarkScores().name(),
          Serdes.String().serializer(), h.topics.benchmarkScores().valueSerde().serializer());
      TestOutputTopic<String, PredictionQuality> quality = h.driver.createOutputTopic(
          h.topics.predictionQuality().name(), Serdes.String().deserializer(),
          h.topics.predictionQuality().valueSerde().deserializer());
      TestOutputTopic<String, ModelAnalytics> analytics = h.driver.createOutputTopic(
          h.topics.modelAnalytics().name(), Serdes.String().deserializer(),
          h.topics.modelAnalytics().valueSerde().deserializer());
      h.publishCorpus(N);
      for (int i = 0; i < models; i++) {
        registered.pipeInput(model(i), ModelRegistered.newBuilder().setModelId(model(i)).setSourceUri("imported:")
            .setCorpusId(AggregatorHarness.CORPUS).setFamily(i < models - 1 ? "big" : "small").build());
        observed.pipeInput(CompositeKey.of(model(i), BENCHMARK), BenchmarkScore.newBuilder().setModelId(model(i))
            .setBenchmarkId(BENCHMARK).setValue(0.3 + 0.4 * random.nextDouble()).build());
      }
      for (int i = 0; i < models; i++) {
        h.scores.pipeInput(model(i), chunk(model(i), l[i], 0, N));
      }
      Map<String, ModelAnalytics> analyses = new HashMap<>();
      h.advanceUntil(() -> {
        analyses.putAll(analytics.readKeyValuesToMap());
        return analyses.containsKey(AggregatorHarness.CORPUS);
      });
      h.advance(Duration.ofSeconds(10));
      assertThat(quality.readKeyValuesToMap()).as("no ridge fit of %s", BENCHMARK)
          .doesNotContainKey(CompositeKey.of(BENCHMARK, "ridge-q"));
      assertThat(analyses.get(AggregatorHarness.CORPUS).getCompleteModels()).isEqualTo(models);
    }
  }

  /**
   * The first {@code complete} models' analytics: the effective dimension from an SVD of their Q, the
   * clustering order of their KL, and leakage z(ℓ̄) − z(z(score)) over the observed ones, written out here.
   */
  private static void assertAnalytics(ModelAnalytics published, double[][] l, double[] y, int complete) {
    assertThat(published).isNotNull();
    assertThat(published.getCompleteModels()).isEqualTo(complete);
    BatchReference batch = BatchReference.of(java.util.Arrays.copyOf(l, complete));
    double[][] q = new double[complete][];
    double[][] kl = new double[complete][complete];
    for (int i = 0; i < complete; i++) {
      q[i] = batch.q(i);
      for (int j = 0; j < complete; j++) {
        kl[i][j] = i == j ? 0 : batch.klNats(i, j);
      }
    }
    double[] singular = new SingularValueDecomposition(new Array2DRowRealMatrix(q)).getSingularValues();
    double total = java.util.Arrays.stream(singular).map(v -> v * v).sum();
    double running = 0;
    for (int k = 0; k < singular.length; k++) {
      running += singular[k] * singular[k];
      assertThat(published.getCumulativeVariance().get(k)).as("variance in %d axes", k + 1)
          .isCloseTo(running / total, within(1e-9));
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < complete; i++) {
      ids.add(model(i));
    }
    List<String> order = java.util.Arrays.stream(ClusteringOrder.of(kl)).mapToObj(ids::get).toList();
    assertThat(published.getClusterOrder()).containsExactlyElementsOf(order);

    assertThat(published.getLeakageBenchmarks()).containsExactly(BENCHMARK);
    double[] meanLl = new double[OBSERVED];
    for (int i = 0; i < OBSERVED; i++) {
      meanLl[i] = batch.rowMean(i);
    }
    double[] expected = subtract(z(meanLl), z(z(java.util.Arrays.copyOf(y, OBSERVED))));
    assertThat(published.getLeakage()).hasSize(OBSERVED);
    for (LeakageEntry entry : published.getLeakage()) {
      int i = ids.indexOf(entry.getModelId());
      assertThat(entry.getLeakage()).as("leakage of %s", entry.getModelId()).isCloseTo(expected[i], within(1e-9));
      assertThat(entry.getMeanLogLikelihood()).isCloseTo(meanLl[i], within(1e-9));
    }
    assertThat(published.getLeakage().get(0).getLeakage()).as("highest first")
        .isCloseTo(java.util.Arrays.stream(expected).max().orElseThrow(), within(1e-9));
  }

  private static double[] z(double[] v) {
    double mean = java.util.Arrays.stream(v).average().orElseThrow();
    double sd = Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
    return java.util.Arrays.stream(v).map(x -> (x - mean) / sd).toArray();
  }

  private static double[] subtract(double[] a, double[] b) {
    double[] c = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i] - b[i];
    }
    return c;
  }

  private static double[] toObserved(BatchReference batch, int model) {
    double[] d = new double[OBSERVED];
    for (int i = 0; i < OBSERVED; i++) {
      d[i] = i == model ? 0 : 2 * batch.klNats(model, i);
    }
    return d;
  }
}
