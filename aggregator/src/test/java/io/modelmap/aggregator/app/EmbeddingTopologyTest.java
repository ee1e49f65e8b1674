package io.modelmap.aggregator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.aggregator.embedding.EmbeddingSettings;
import io.modelmap.aggregator.embedding.EmbeddingStores;
import io.modelmap.aggregator.embedding.QuestionEncoding;
import io.modelmap.aggregator.embedding.Router;
import io.modelmap.math.embed.FoldIn;
import io.modelmap.schemas.avro.McAnswer;
import io.modelmap.schemas.avro.McAnswers;
import io.modelmap.schemas.avro.McItem;
import io.modelmap.schemas.avro.ModelEmbedding;
import io.modelmap.schemas.avro.PredictionQuality;
import io.modelmap.schemas.avro.ScorePrediction;
import io.modelmap.schemas.avro.ScorePredictions;
import io.modelmap.schemas.key.CompositeKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import java.util.Map;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * EmbedLLM in the topology on 29 real models' answers to 400 MMLU-Pro questions: 28 models are embedded
 * by a full training; the 29th, arriving later, is folded in against the frozen question side within one
 * punctuation and without a retraining, and its embedding is the penalised logistic regression on its
 * own training answers, recomputed here from the stored router. The 400 questions (all of MMLU-Pro's
 * business category) are published as two benchmarks of 200, alternately, so each benchmark's embedding
 * forecast comes from a training without its answers.
 */
class EmbeddingTopologyTest {
  private static final String BENCHMARK = MmluPro400.BENCHMARK;
  private static final List<String> BENCHMARKS = List.of("mmlu-pro-even", "mmlu-pro-odd");
  /** Real time for a full training and one per benchmark left out, on a loaded 2-core machine. */
  private static final Duration TRAININGS = Duration.ofMinutes(5);

  /**
   * Issue 26 (found by ChaosIT): a model whose answers wait in the agreement for their items is neither
   * trained on nothing nor forgotten: the first training leaves it out, and once its items arrive and its
   * answers are applied it is folded in from them. (Before, it was trained with no answer, published with
   * 0 questions and never folded in.)
   */
  @Test
  void aModelWhoseAnswersWaitForTheirItemsIsFoldedInOnceTheyArrive() throws Exception {
    Map<String, McItem> items = MmluPro400.items();
    MmluPro400.Answers table = MmluPro400.answers();
    Map<String, List<McAnswer>> answers = table.byModel();
    List<String> header = table.header();
    List<String> models = header.subList(4, 10);
    String waiting = models.get(models.size() - 1);
    List<McItem> all = new ArrayList<>(items.values());
    Set<String> early = new HashSet<>();
    all.subList(0, 200).forEach(i -> early.add(i.getItemId().toString()));
    EmbeddingSettings settings = new EmbeddingSettings(8, 8, 10, Duration.ofHours(1), Duration.ofSeconds(5), 3, 50,
        QuestionEncoding.TFIDF, EmbeddingSettings.LEAVE_OUT_BENCHMARKS);
    try (AggregatorHarness h = MmluPro400.harness(settings)) {
      TestOutputTopic<String, ModelEmbedding> embeddings = h.output(h.topics.modelEmbeddings());
      all.subList(0, 200).forEach(item -> h.items.pipeInput(CompositeKey.of(BENCHMARK, item.getItemId().toString()), item));
      for (String model : models.subList(0, models.size() - 1)) {
        h.answers.pipeInput(model, McAnswers.newBuilder().setModelId(model).setBenchmarkId(BENCHMARK)
            .setAnswers(answers.get(model).stream().filter(a -> early.contains(a.getItemId().toString())).toList()).build());
      }
      h.answers.pipeInput(waiting, McAnswers.newBuilder().setModelId(waiting).setBenchmarkId(BENCHMARK)
          .setAnswers(answers.get(waiting)).build()); // names items not published yet: it waits for them
      Map<String, ModelEmbedding> published = new HashMap<>();
      h.advanceUntil(() -> {
        published.putAll(embeddings.readKeyValuesToMap());
        return published.size() >= models.size() - 1;
      });
      assertThat(published).as("the first training, of the models whose answers are in").doesNotContainKey(waiting);

      all.subList(200, all.size()).forEach(item -> h.items.pipeInput(CompositeKey.of(BENCHMARK,
          item.getItemId().toString()), item));
      h.advanceUntil(() -> {
        published.putAll(embeddings.readKeyValuesToMap());
        return published.containsKey(waiting);
      });
      ModelEmbedding folded = published.get(waiting);
      assertThat(folded.getMethod()).hasToString("fold-in");
      assertThat(folded.getQuestions()).as("from its answers").isPositive();
    }
  }

  @Test
  void modelsAreEmbeddedAndALateModelIsFoldedInWithoutRetraining() throws Exception {
    Map<String, McItem> items = twoBenchmarks(MmluPro400.items());
    MmluPro400.Answers table = MmluPro400.answers();
    Map<String, List<McAnswer>> answers = table.byModel();
    List<String> header = table.header();
    List<String> models = header.subList(4, header.size());
    String late = models.get(models.size() - 1);
    EmbeddingSettings settings = new EmbeddingSettings(8, 8, 10, Duration.ofHours(1), Duration.ofSeconds(5), 3, 50,
        QuestionEncoding.TFIDF, EmbeddingSettings.LEAVE_OUT_BENCHMARKS);
    try (AggregatorHarness h = MmluPro400.harness(settings)) {
      TestOutputTopic<String, ModelEmbedding> embeddings = h.output(h.topics.modelEmbeddings());
      items.values().forEach(item -> h.items.pipeInput(key(item), item));
      for (String model : models.subList(0, models.size() - 1)) {
        publishAnswers(h, model, answers.get(model), items);
      }
      Map<String, ModelEmbedding> published = new HashMap<>();
      h.advanceUntil(() -> {
        published.putAll(embeddings.readKeyValuesToMap());
        return published.size() == models.size() - 1;
      }, TRAININGS);
      Router router = Router.fromBytes(this.<byte[]>store(h).get(EmbeddingStores.CURRENT));
      for (ModelEmbedding e : published.values()) {
        assertThat(e.getMethod()).hasToString("retrained");
        assertThat(e.getTrainingVersion()).isEqualTo(1);
        assertThat(e.getVector()).hasSize(8);
        // the published accuracy, recomputed from the stored router and the model's answers
        Accuracy own = accuracy(router, e, items, answers.get(e.getModelId().toString()));
        assertThat(e.getQuestions()).isEqualTo(own.trained);
        assertThat(e.getTrainingAccuracy()).isCloseTo(own.trainingAccuracy(), within(1e-12));
        assertThat(e.getHeldOutAccuracy()).isCloseTo(own.heldOutAccuracy(), within(1e-12));
        assertThat(e.getBenchmarks()).as("fitted on the answers to both").containsExactlyElementsOf(BENCHMARKS);
        assertThat(e.getWithoutBenchmark().keySet()).as("and once without each")
            .containsExactlyInAnyOrderElementsOf(BENCHMARKS);
      }
      double meanHeldOut = published.values().stream().mapToDouble(ModelEmbedding::getHeldOutAccuracy).average()
          .orElseThrow();
      assertThat(meanHeldOut).as("held-out correctness accuracy, chance 0.5").isGreaterThan(0.55);

      publishAnswers(h, late, answers.get(late), items);
      h.advance(Duration.ofSeconds(2));
      Map<String, ModelEmbedding> after = embeddings.readKeyValuesToMap();
      assertThat(after.keySet()).as("one punctuation later: the late model alone, no retraining").containsExactly(late);
      ModelEmbedding folded = after.get(late);
      assertThat(folded.getMethod()).hasToString("fold-in");
      assertThat(folded.getTrainingVersion()).isEqualTo(1);

      // the fold-in by hand: its answers to the training questions, the frozen features, λ = 1
      List<double[]> features = new ArrayList<>();
      List<Boolean> right = new ArrayList<>();
      for (McAnswer a : answers.get(late)) {
        McItem item = items.get(a.getItemId().toString());
        if (!heldOut(item)) {
          features.add(router.features(MmluPro400.text(item)));
          right.add(a.getChosenIndex() == item.getGoldIndex());
        }
      }
      boolean[] correct = new boolean[right.size()];
      for (int i = 0; i < correct.length; i++) {
        correct[i] = right.get(i);
      }
      double[] expected = FoldIn.embedding(features, correct, router.questionSide().bias(), 1.0);
      for (int k = 0; k < expected.length; k++) {
        assertThat(folded.getVector().get(k)).as("component %d", k).isCloseTo(expected[k], within(1e-9));
      }
      assertThat(folded.getQuestions()).isEqualTo(features.size());
      // and without each benchmark: its answers to the other benchmark's training questions, that training's side
      for (String benchmark : BENCHMARKS) {
        Router without = Router.fromBytes(this.<byte[]>store(h).get(EmbeddingStores.leftOutKey(benchmark)));
        List<double[]> otherFeatures = new ArrayList<>();
        List<Boolean> otherRight = new ArrayList<>();
        for (McAnswer a : answers.get(late)) {
          McItem item = items.get(a.getItemId().toString());
          if (!heldOut(item) && !item.getBenchmarkId().toString().equals(benchmark)) {
            otherFeatures.add(without.features(MmluPro400.text(item)));
            otherRight.add(a.getChosenIndex() == item.getGoldIndex());
          }
        }
        boolean[] otherCorrect = new boolean[otherRight.size()];
        for (int i = 0; i < otherCorrect.length; i++) {
          otherCorrect[i] = otherRight.get(i);
        }
        double[] expectedWithout = FoldIn.embedding(otherFeatures, otherCorrect, without.questionSide().bias(), 1.0);
        List<Double> publishedWithout = folded.getWithoutBenchmark().get(benchmark);
        for (int k = 0; k < expectedWithout.length; k++) {
          assertThat(publishedWithout.get(k)).as("%s, component %d", benchmark, k)
              .isCloseTo(expectedWithout[k], within(1e-9));
        }
      }
      Router updated = Router.fromBytes(this.<byte[]>store(h).get(EmbeddingStores.CURRENT));
      assertThat(updated.rank(MmluPro400.text(items.values().iterator().next()))).hasSize(models.size());

      // benchmark forecasts from the embeddings (§5.3): the measured accuracy on the benchmark, predicted out of fold
      Map<String, ScorePredictions> forecasts = new HashMap<>();
      Map<String, PredictionQuality> quality = new HashMap<>();
      TestOutputTopic<String, ScorePredictions> predictions = h.output(h.topics.scorePredictions());
      TestOutputTopic<String, PredictionQuality> qualities = h.output(h.topics.predictionQuality());
      h.advanceUntil(() -> {
        forecasts.putAll(predictions.readKeyValuesToMap());
        quality.putAll(qualities.readKeyValuesToMap());
        return BENCHMARKS.stream().allMatch(b -> quality.containsKey(CompositeKey.of(b, "embedding")))
            && forecasts.size() == models.size();
      }, TRAININGS);
      for (String benchmark : BENCHMARKS) {
        int complete = 0;
        for (String model : models) {
          ScorePrediction p = forecasts.get(model).getPredictions().stream()
              .filter(e -> e.getMethod().toString().equals("embedding") && e.getBenchmarkId().toString().equals(benchmark))
              .findFirst().orElseThrow();
          List<McAnswer> own = answers.get(model).stream()
              .filter(a -> items.get(a.getItemId().toString()).getBenchmarkId().toString().equals(benchmark)).toList();
          if (own.size() < items.size() / 2) {
            assertThat(p.getObserved()).as("%s left items out: no measured accuracy, predicted only", model).isNull();
            continue;
          }
          complete++;
          long rightAnswers = own.stream()
              .filter(a -> a.getChosenIndex() == items.get(a.getItemId().toString()).getGoldIndex()).count();
          assertThat(p.getObserved()).as("%s's accuracy on %s, counted here", model, benchmark)
              .isCloseTo((double) rightAnswers / (items.size() / 2), within(1e-12));
          assertThat(p.getOutOfFold()).isNotNull();
        }
        PredictionQuality q = quality.get(CompositeKey.of(benchmark, "embedding"));
        assertThat(q.getModels()).isEqualTo(complete).isGreaterThan(20);
        assertThat(q.getGroupedBy()).as("no model registered a family: the Hub organisations").hasToString("organisation");
        assertThat(q.getPearsonR()).as("%s's accuracy from embeddings trained without its answers, out of fold",
            benchmark).isGreaterThan(0.8);
      }
    }
  }

  /**
   * Issue 30 item 4: the embedding forecast of a benchmark never sees its answers. The forecast model's answers
   * to one benchmark are all made right: its measured score there changes, and its out-of-fold forecast there
   * stays exactly the same (it comes from the training without that benchmark and from the other models'
   * scores). Trained on every answer, as before, the model's vector and so its forecast moved with them.
   */
  @Test
  void aBenchmarksForecastIsUnchangedWhenTheForecastModelsAnswersToItChange() throws Exception {
    Map<String, McItem> items = twoBenchmarks(MmluPro400.items());
    MmluPro400.Answers table = MmluPro400.answers();
    Map<String, List<McAnswer>> answers = table.byModel();
    List<String> header = table.header();
    List<String> models = header.subList(4, header.size()).stream()
        .filter(m -> answers.get(m).size() == items.size()).toList();
    String forecast = models.get(0);
    String benchmark = BENCHMARKS.get(1);
    Map<String, List<McAnswer>> changed = new LinkedHashMap<>(answers);
    changed.put(forecast, answers.get(forecast).stream().map(a -> {
      McItem item = items.get(a.getItemId().toString());
      return item.getBenchmarkId().toString().equals(benchmark)
          ? McAnswer.newBuilder(a).setChosenIndex(item.getGoldIndex()).build() : a;
    }).toList());

    ScorePrediction before = embeddingForecast(items, models, answers, forecast, benchmark);
    ScorePrediction after = embeddingForecast(items, models, changed, forecast, benchmark);

    long rightBefore = answers.get(forecast).stream().filter(a -> {
      McItem item = items.get(a.getItemId().toString());
      return item.getBenchmarkId().toString().equals(benchmark) && a.getChosenIndex() == item.getGoldIndex();
    }).count();
    assertThat(rightBefore).as("the change is real: some answers were wrong").isLessThan(items.size() / 2);
    assertThat(before.getObserved()).isCloseTo((double) rightBefore / (items.size() / 2), within(1e-12));
    assertThat(after.getObserved()).as("every answer right now").isEqualTo(1.0);
    assertThat(after.getOutOfFold()).as("the forecast of %s for %s", forecast, benchmark)
        .isEqualTo(before.getOutOfFold());
  }

  /** The published embedding forecast of {@code model} on {@code benchmark} once every model is embedded. */
  private static ScorePrediction embeddingForecast(Map<String, McItem> items, List<String> models,
      Map<String, List<McAnswer>> answers, String model, String benchmark) throws Exception {
    EmbeddingSettings settings = new EmbeddingSettings(8, 8, 10, Duration.ofHours(1), Duration.ofSeconds(5), 3, 50,
        QuestionEncoding.TFIDF, EmbeddingSettings.LEAVE_OUT_BENCHMARKS);
    try (AggregatorHarness h = MmluPro400.harness(settings)) {
      TestOutputTopic<String, ScorePredictions> predictions = h.output(h.topics.scorePredictions());
      TestOutputTopic<String, PredictionQuality> qualities = h.output(h.topics.predictionQuality());
      TestOutputTopic<String, ModelEmbedding> embeddings = h.output(h.topics.modelEmbeddings());
      items.values().forEach(item -> h.items.pipeInput(key(item), item));
      for (String m : models) {
        publishAnswers(h, m, answers.get(m), items);
      }
      Map<String, ModelEmbedding> published = new HashMap<>();
      h.advanceUntil(() -> {
        published.putAll(embeddings.readKeyValuesToMap());
        return published.size() == models.size();
      }, TRAININGS);
      Map<String, ScorePredictions> forecasts = new HashMap<>();
      Map<String, PredictionQuality> quality = new HashMap<>();
      h.advanceUntil(() -> {
        forecasts.putAll(predictions.readKeyValuesToMap());
        quality.putAll(qualities.readKeyValuesToMap());
        return quality.containsKey(CompositeKey.of(benchmark, "embedding")) && forecasts.containsKey(model);
      }, TRAININGS);
      return forecasts.get(model).getPredictions().stream()
          .filter(p -> p.getMethod().toString().equals("embedding") && p.getBenchmarkId().toString().equals(benchmark))
          .findFirst().orElseThrow();
    }
  }

  /** The items alternately in the two {@link #BENCHMARKS}, in file order. */
  private static Map<String, McItem> twoBenchmarks(Map<String, McItem> items) {
    Map<String, McItem> split = new LinkedHashMap<>();
    int i = 0;
    for (McItem item : items.values()) {
      split.put(item.getItemId().toString(), McItem.newBuilder(item).setBenchmarkId(BENCHMARKS.get(i++ % 2)).build());
    }
    return split;
  }

  /** The model's answers, one batch per benchmark of their items. */
  private static void publishAnswers(AggregatorHarness h, String model, List<McAnswer> own, Map<String, McItem> items) {
    Map<String, List<McAnswer>> byBenchmark = new LinkedHashMap<>();
    for (McAnswer a : own) {
      byBenchmark.computeIfAbsent(items.get(a.getItemId().toString()).getBenchmarkId().toString(),
          b -> new ArrayList<>()).add(a);
    }
    byBenchmark.forEach((benchmark, batch) -> h.answers.pipeInput(model, McAnswers.newBuilder().setModelId(model)
        .setBenchmarkId(benchmark).setAnswers(batch).build()));
  }

  private static String key(McItem item) {
    return CompositeKey.of(item.getBenchmarkId().toString(), item.getItemId().toString());
  }

  private record Accuracy(int trained, int trainedRight, int held, int heldRight) {
    double trainingAccuracy() {
      return (double) trainedRight / trained;
    }

    double heldOutAccuracy() {
      return (double) heldRight / held;
    }
  }

  private static Accuracy accuracy(Router router, ModelEmbedding e, Map<String, McItem> items, List<McAnswer> own) {
    double[] embedding = e.getVector().stream().mapToDouble(Double::doubleValue).toArray();
    int[] counts = new int[4];
    for (McAnswer a : own) {
      McItem item = items.get(a.getItemId().toString());
      boolean predicted = router.questionSide().probability(embedding, router.features(MmluPro400.text(item))) >= 0.5;
      boolean right = a.getChosenIndex() == item.getGoldIndex();
      int base = heldOut(item) ? 2 : 0;
      counts[base]++;
      counts[base + 1] += predicted == right ? 1 : 0;
    }
    return new Accuracy(counts[0], counts[1], counts[2], counts[3]);
  }

  /** The split rule: one question key in ten, by its hash, is held out. */
  private static boolean heldOut(McItem item) {
    return Math.floorMod(key(item).hashCode(), 10) == 0;
  }

  @SuppressWarnings("unchecked")
  private <V> KeyValueStore<String, V> store(AggregatorHarness h) {
    return (KeyValueStore<String, V>) (KeyValueStore<?, ?>) h.driver.getKeyValueStore(EmbeddingStores.ROUTER);
  }
}
