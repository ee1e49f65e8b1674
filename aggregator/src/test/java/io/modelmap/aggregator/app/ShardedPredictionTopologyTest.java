package io.modelmap.aggregator.app;

import static io.modelmap.aggregator.app.AggregatorHarness.chunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.aggregator.support.PublishingSettings;
import io.modelmap.schemas.avro.BenchmarkScore;
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
import java.util.Random;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Ridge from Q at S = 3, where prediction gets each complete model's ξ row instead of its KL to every other
 * model, against S = 1 (the dual on the KL) on the same input, and both against a primal ridge solved here:
 * (XᵀX + αI)β = Xᵀ(y − ȳ) with X the training models' ξ/√N rows centred over them, at the α the aggregator
 * chose. Two corpora in one run: N = 40 texts with 14 observed models keeps the dual form at S = 3 too; N = 8
 * makes it primal there ({@code RidgeSolver}: |T| &gt; 1.5·N).
 */
class ShardedPredictionTopologyTest {
  private static final int MODELS = 17;
  private static final int OBSERVED = 14;
  private static final String BENCHMARK = "arc_easy";
  private static final List<Corpus> CORPORA = List.of(Corpus.of("dual-40", 40, 23), Corpus.of("primal-8", 8, 29));

  @Test
  void predictionsOverThreeShardsEqualOneShardAndAnIndependentFit() throws Exception {
    Map<String, Run> one = run(c -> c);
    Map<String, Run> three = run(c -> c.optShards(3));
    for (Corpus corpus : CORPORA) {
      Run atOne = one.get(corpus.id());
      Run atThree = three.get(corpus.id());
      double alpha = atOne.alpha();
      assertThat(atThree.alpha()).as("α on %s", corpus.id()).isCloseTo(alpha, within(1e-9 * alpha));
      double[] expected = independentFit(corpus, alpha);
      for (int i = 0; i < MODELS; i++) {
        String model = corpus.model(i);
        ScorePrediction p1 = atOne.predictions().get(model);
        ScorePrediction p3 = atThree.predictions().get(model);
        assertThat(p1.getPredicted()).as("S = 1, %s", model).isCloseTo(expected[i], within(1e-9));
        assertThat(p3.getPredicted()).as("S = 3, %s", model).isCloseTo(expected[i], within(1e-9));
        assertThat(p3.getTrainingModels()).isEqualTo(OBSERVED);
        if (i < OBSERVED) {
          assertThat(p3.getObserved()).isEqualTo(corpus.y()[i]);
          assertThat(p3.getOutOfFold()).as("out-of-fold of %s", model).isCloseTo(p1.getOutOfFold(), within(1e-9));
        } else {
          assertThat(p3.getOutOfFold()).isNull();
        }
      }
    }
  }

  /** Every model's prediction from primal ridge on the observed models' ξ/√N rows at {@code alpha}, by EJML. */
  private static double[] independentFit(Corpus corpus, double alpha) {
    int n = corpus.l()[0].length;
    List<Integer> training = new ArrayList<>();
    for (int i = 0; i < OBSERVED; i++) {
      training.add(i);
    }
    double[] centroid = new double[n];
    double yMean = 0;
    for (int i : training) {
      double[] row = scaledXi(corpus.l()[i]);
      for (int s = 0; s < n; s++) {
        centroid[s] += row[s] / OBSERVED;
      }
      yMean += corpus.y()[i] / OBSERVED;
    }
    DMatrixRMaj centred = new DMatrixRMaj(OBSERVED, n);
    DMatrixRMaj residual = new DMatrixRMaj(OBSERVED, 1);
    for (int r = 0; r < OBSERVED; r++) {
      double[] row = scaledXi(corpus.l()[training.get(r)]);
      for (int s = 0; s < n; s++) {
        centred.set(r, s, row[s] - centroid[s]);
      }
      residual.set(r, 0, corpus.y()[training.get(r)] - yMean);
    }
    DMatrixRMaj normal = new DMatrixRMaj(n, n);
    CommonOps_DDRM.multTransA(centred, centred, normal);
    for (int s = 0; s < n; s++) {
      normal.add(s, s, alpha);
    }
    DMatrixRMaj rhs = new DMatrixRMaj(n, 1);
    CommonOps_DDRM.multTransA(centred, residual, rhs);
    DMatrixRMaj beta = new DMatrixRMaj(n, 1);
    assertThat(CommonOps_DDRM.solve(normal, rhs, beta)).isTrue();
    double[] predicted = new double[MODELS];
    for (int i = 0; i < MODELS; i++) {
      double[] row = scaledXi(corpus.l()[i]);
      predicted[i] = yMean;
      for (int s = 0; s < n; s++) {
        predicted[i] += (row[s] - centroid[s]) * beta.get(s);
      }
    }
    return predicted;
  }

  /** ξ_i = ℓ_i − ℓ̄_i, scaled by 1/√N so that squared distances are 2·KL. */
  private static double[] scaledXi(double[] l) {
    double mean = 0;
    for (double v : l) {
      mean += v / l.length;
    }
    double[] x = new double[l.length];
    for (int s = 0; s < l.length; s++) {
      x[s] = (l[s] - mean) / Math.sqrt(l.length);
    }
    return x;
  }

  /** A corpus of N texts, its models' log-likelihoods (pairs of one family) and their benchmark scores. */
  private record Corpus(String id, double[][] l, double[] y) {
    static Corpus of(String id, int n, long seed) {
      Random random = new Random(seed);
      double[][] family = new double[MODELS / 2 + 1][n];
      for (double[] f : family) {
        for (int s = 0; s < n; s++) {
          f[s] = -1000 - 200 * random.nextDouble();
        }
      }
      double[][] l = new double[MODELS][n];
      double[] y = new double[MODELS];
      for (int i = 0; i < MODELS; i++) {
        double skill = random.nextDouble();
        for (int s = 0; s < n; s++) {
          l[i][s] = family[i / 2][s] + 20 * skill * (s % 2 == 0 ? 1 : -1) + 3 * random.nextGaussian();
        }
        y[i] = 0.4 + 0.3 * skill + 0.01 * random.nextGaussian();
      }
      return new Corpus(id, l, y);
    }

    /** Model ids sort in index order, as the fit orders its training models. */
    String model(int i) {
      return id + "-org-" + (i / 2) + "/model-" + (char) ('a' + i);
    }
  }

  /** The latest ridge-q prediction of each model of a corpus, and its fit's α. */
  private record Run(Map<String, ScorePrediction> predictions, double alpha) {}

  /**
   * On each corpus every model but the last completes and the observed ones are scored; once the fits are in,
   * the last models complete and are predicted at once from the fits as they are.
   */
  private static Map<String, Run> run(UnaryOperator<AggregatorConfig.Builder> settings) throws Exception {
    try (AggregatorHarness h = new AggregatorHarness(c -> settings.apply(c.optPublishing(
        new PublishingSettings(3, Duration.ofSeconds(2), Duration.ofMinutes(10)))))) {
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
      for (Corpus corpus : CORPORA) {
        h.publishCorpus(corpus.id(), corpus.l()[0].length);
        for (int i = 0; i < MODELS; i++) {
          registered.pipeInput(corpus.model(i), ModelRegistered.newBuilder().setModelId(corpus.model(i))
              .setSourceUri("imported:").setCorpusId(corpus.id()).setFamily("family " + (i / 2)).build());
        }
        for (int i = 0; i < OBSERVED; i++) {
          observed.pipeInput(CompositeKey.of(corpus.model(i), BENCHMARK), BenchmarkScore.newBuilder()
              .setModelId(corpus.model(i)).setBenchmarkId(BENCHMARK).setValue(corpus.y()[i]).build());
        }
        for (int i = 0; i < MODELS - 1; i++) {
          h.scores.pipeInput(corpus.model(i), chunk(corpus.id(), corpus.model(i), corpus.l()[i], 0, corpus.l()[i].length));
        }
      }
      Map<String, ScorePredictions> published = new HashMap<>();
      Map<String, Double> alphas = new HashMap<>();
      h.advanceUntil(() -> {
        published.putAll(predictions.readKeyValuesToMap());
        quality.readValuesToList().forEach(q -> alphas.put(q.getCorpusId(), q.getAlpha()));
        return alphas.size() == CORPORA.size() && published.size() == CORPORA.size() * (MODELS - 1);
      });
      int late = MODELS - 1;
      for (Corpus corpus : CORPORA) {
        h.scores.pipeInput(corpus.model(late), chunk(corpus.id(), corpus.model(late), corpus.l()[late], 0,
            corpus.l()[late].length));
      }
      h.advance(Duration.ofMillis(100)); // the batch punctuation completes the rows; they reach prediction
      Map<String, ScorePredictions> latest = predictions.readKeyValuesToMap();
      Map<String, Run> runs = new HashMap<>();
      for (Corpus corpus : CORPORA) {
        assertThat(latest).as("the late model, predicted at once from the fit as it is")
            .containsKey(corpus.model(late));
        published.putAll(latest);
        Map<String, ScorePrediction> ridge = new HashMap<>();
        for (int i = 0; i < MODELS; i++) {
          String model = corpus.model(i);
          published.get(model).getPredictions().stream().filter(p -> p.getMethod().equals("ridge-q"))
              .findFirst().ifPresent(p -> ridge.put(model, p));
        }
        runs.put(corpus.id(), new Run(ridge, alphas.get(corpus.id())));
      }
      return runs;
    }
  }
}
