package io.modelmap.aggregator.prediction;

import io.modelmap.aggregator.AggregatorConfig;
import io.modelmap.aggregator.StoreEntries;
import io.modelmap.schemas.ScoreSource;
import io.modelmap.schemas.avro.BenchmarkScore;
import io.modelmap.schemas.avro.ModelAnalytics;
import io.modelmap.schemas.avro.ModelDistances;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.PredictionQuality;
import io.modelmap.schemas.avro.ScorePrediction;
import io.modelmap.schemas.avro.ScorePredictions;
import io.modelmap.schemas.key.CompositeKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Predicts every complete model's benchmark scores (method {@value #METHOD}) from the distances the
 * matrix sends at each completion, the observed scores of {@code benchmark-scores} and the families of
 * {@code model-registered} (all under one key). A model that completes is predicted at once from the
 * current fits; a score or an observed model marks its benchmark for a refit, which the 2 s punctuation
 * starts in the background ({@link BackgroundJobs}) and publishes, with the corpus's predictions and the
 * benchmark's {@code prediction-quality}, once it is in. A corpus's {@code model-analytics} follow, also
 * computed in the background, at most once per analytics interval.
 */
public final class PredictionProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {
  public static final String METHOD = "ridge-q";
  /** The share of one core refits and analytics may take on average (BackgroundBudget). */
  private static final double BACKGROUND_SHARE = 0.5;
  /** Analytics wait for running refits, but not for longer than this many analytics intervals. */
  private static final int OVERDUE_INTERVALS = 6;
  private final AggregatorConfig config;
  private final Serde<ModelDistances> distancesSerde;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, byte[]> models;
  private KeyValueStore<String, byte[]> scores;
  private KeyValueStore<String, byte[]> distances;
  private PredictionState state;
  private ExecutorService background;
  private BackgroundJobs<BenchmarkFit> refits;
  private BackgroundJobs<ModelAnalytics> analytics;
  private long lastAnalyticsMs = Long.MIN_VALUE / 2;

  public PredictionProcessor(AggregatorConfig config, Serde<ModelDistances> distancesSerde) {
    this.config = config;
    this.distancesSerde = distancesSerde;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.models = context.getStateStore(PredictionStores.MODELS);
    this.scores = context.getStateStore(PredictionStores.SCORES);
    this.distances = context.getStateStore(PredictionStores.DISTANCES);
    restore();
    background = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "prediction-background-" + context.taskId());
      thread.setDaemon(true);
      return thread;
    });
    BackgroundBudget budget = new BackgroundBudget(BACKGROUND_SHARE, System::nanoTime);
    refits = new BackgroundJobs<>(background, budget);
    analytics = new BackgroundJobs<>(background, budget);
    context.schedule(config.provisionalInterval(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
  }

  /** Memory from the stores alone (a revived task's rolled-back records are gone); every fit is redone. */
  private void restore() {
    state = new PredictionState(config.prediction().minObserved(), config.prediction().folds(),
        config.prediction().grouping());
    StoreEntries.forEach(models, (model, value) -> {
      String[] parts = new String(value, StandardCharsets.UTF_8).split("\u0000", -1);
      state.register(model, blankToNull(parts[0]), blankToNull(parts[1]));
    });
    StoreEntries.forEach(distances, (key, value) -> {
      ModelDistances d = distancesSerde.deserializer().deserialize(PredictionStores.DISTANCES, value);
      state.complete(d.getCorpusId().toString(), d.getModelId().toString(), d.getMeanLogLikelihood(), kl(d));
    });
    StoreEntries.forEach(scores, (key, value) -> {
      List<String> parts = CompositeKey.split(key);
      state.score(parts.get(0), parts.get(1), PredictionStores.scoreValue(value));
    });
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    if (record.value() instanceof ModelRegistered registered) {
      String family = registered.getFamily() == null ? "" : registered.getFamily().toString();
      String type = registered.getModelType() == null ? "" : registered.getModelType().toString();
      models.put(registered.getModelId().toString(), (family + "\u0000" + type).getBytes(StandardCharsets.UTF_8));
      state.register(registered.getModelId().toString(), blankToNull(family), blankToNull(type));
    } else if (record.value() instanceof BenchmarkScore score) {
      String model = score.getModelId().toString();
      String benchmark = score.getBenchmarkId().toString();
      String key = CompositeKey.of(model, benchmark);
      boolean measured = ScoreSource.MEASURED.equals(score.getSource());
      byte[] known = scores.get(key);
      if (measured && known != null && !PredictionStores.measured(known)) {
        return; // a user's imported score of the same model and benchmark stands over the aggregator's own
      }
      scores.put(key, PredictionStores.score(score.getValue(), measured));
      state.score(model, benchmark, score.getValue());
    } else if (record.value() instanceof ModelDistances d) {
      String corpus = d.getCorpusId().toString();
      String model = d.getModelId().toString();
      distances.put(CompositeKey.of(corpus, model), distancesSerde.serializer().serialize(PredictionStores.DISTANCES, d));
      state.complete(corpus, model, d.getMeanLogLikelihood(), kl(d));
      List<BenchmarkFit> fits = state.fits(corpus);
      if (!fits.isEmpty()) {
        forward(model, predictions(corpus, model, fits), record.timestamp()); // the new model, from the fits as they are
      }
    } else {
      throw new IllegalArgumentException("unexpected record type " + record.value().getClass());
    }
  }

  /**
   * Publishes the refits that finished (with the predictions of their corpus), starts the refits that
   * went stale, then the analytics of changed corpora: once the refits are done (so analytics that
   * count every score follow the fits that used them), or when they are overdue.
   */
  private void punctuate(long now) {
    Set<String> changed = new LinkedHashSet<>();
    refits.drainFinished().forEach((key, fit) -> {
      state.install(key, Optional.of(fit));
      changed.add(CompositeKey.split(key).get(0));
    });
    for (String key : state.drainStale()) {
      if (!refits.idle() || !analytics.idle() || !refits.mayStart()) {
        state.markStale(key); // one background job at a time, within its budget: this one waits its turn
        continue;
      }
      Optional<FitInput> input = state.fitInput(key);
      if (input.isPresent()) {
        refits.submit(key, input.get()::fit);
      } else {
        state.install(key, Optional.empty());
        changed.add(CompositeKey.split(key).get(0));
      }
    }
    for (String corpus : changed) {
      publish(corpus, now);
    }
    analytics.drainFinished().forEach((corpus, result) -> forward(corpus, result, now));
    long interval = config.prediction().analyticsInterval().toMillis();
    boolean overdue = now >= lastAnalyticsMs + OVERDUE_INTERVALS * interval;
    if (now >= lastAnalyticsMs + interval && analytics.idle() && (refits.idle() || overdue) && analytics.mayStart()) {
      // all corpora of the moment in one go: analytics are rarer than refits
      for (String corpus : state.drainAnalyticsStale()) {
        MapAnalytics.Input input = MapAnalytics.input(corpus, state.distances(corpus), state.scores(), state.minObserved());
        analytics.submit(corpus, () -> MapAnalytics.of(input));
        lastAnalyticsMs = now;
      }
    }
  }

  private void publish(String corpus, long now) {
    List<BenchmarkFit> fits = state.fits(corpus);
    for (String model : state.distances(corpus).models()) {
      forward(model, predictions(corpus, model, fits), now);
    }
    for (BenchmarkFit fit : fits) {
      forward(CompositeKey.of(fit.benchmarkId(), METHOD), quality(fit), now);
    }
  }

  @Override
  public void close() {
    background.shutdownNow(); // a revived task starts over from its stores
  }

  private ScorePredictions predictions(String corpus, String model, List<BenchmarkFit> fits) {
    List<ScorePrediction> list = new ArrayList<>();
    for (BenchmarkFit fit : fits) {
      Optional<Double> observed = state.observed(model, fit.benchmarkId());
      list.add(ScorePrediction.newBuilder().setBenchmarkId(fit.benchmarkId()).setMethod(METHOD)
          .setPredicted(fit.predict(state.distances(corpus), model)).setObserved(observed.orElse(null))
          .setOutOfFold(fit.outOfFold().get(model)).setTrainingModels(fit.training().size()).build());
    }
    return ScorePredictions.newBuilder().setModelId(model).setCorpusId(corpus)
        .setCompleteModels(state.distances(corpus).models().size()).setPredictions(list).build();
  }

  private PredictionQuality quality(BenchmarkFit fit) {
    return PredictionQuality.newBuilder().setBenchmarkId(fit.benchmarkId()).setMethod(METHOD)
        .setCorpusId(fit.corpusId()).setModels(fit.training().size()).setFolds(fit.folds())
        .setGrouping(state.grouping().label()).setPearsonR(fit.pearsonR()).setSpearmanRho(fit.spearmanRho())
        .setAlpha(fit.alpha()).build();
  }

  private void forward(String key, SpecificRecord value, long timestamp) {
    context.forward(new Record<>(key, value, timestamp));
  }

  private static Map<String, Double> kl(ModelDistances d) {
    Map<String, Double> kl = new java.util.HashMap<>();
    d.getKlNats().forEach((other, value) -> kl.put(other.toString(), value));
    return kl;
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

}
