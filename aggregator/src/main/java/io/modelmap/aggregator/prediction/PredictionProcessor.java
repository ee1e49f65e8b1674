package io.modelmap.aggregator.prediction;

import io.modelmap.aggregator.support.BackgroundBudget;
import io.modelmap.aggregator.support.BackgroundJobs;
import io.modelmap.aggregator.support.StoreEntries;
import java.time.Duration;
import io.modelmap.schemas.ScoreSource;
import io.modelmap.schemas.avro.BenchmarkRegistered;
import io.modelmap.schemas.avro.BenchmarkScore;
import io.modelmap.schemas.avro.ModelAnalytics;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.ModelDistances;
import io.modelmap.schemas.avro.ModelEmbedding;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.PredictionQuality;
import io.modelmap.schemas.key.CompositeKey;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Predicts benchmark scores two ways from the distances the matrix sends at each completion, the
 * observed scores of {@code benchmark-scores}, the facts of {@code model-registered} and
 * {@code benchmark-registered} (all under one key).
 * <ul>
 *   <li>Ridge from Q (method {@value #METHOD}), for complete models. A model that completes is predicted
 *   at once from the current fits; a score or an observed model marks its benchmark for a refit.
 *   <li>Collaborative prediction (CPP, method {@value CollaborativeFit#METHOD}), for every registered or
 *   scored model: one network over the whole score matrix with the design factors and leading Q
 *   coordinates ({@link CollaborativeState}), refitted once changes have settled for the debounce. A
 *   model registered or completed meanwhile is predicted from its factors alone, without a refit.
 * </ul>
 * The 2 s punctuation starts refits in the background ({@link BackgroundJobs}, one job at a time) and
 * publishes each, with the predictions it changes and {@code prediction-quality}, once it is in. A
 * corpus's {@code model-analytics} follow, also in the background, at most once per analytics interval.
 * Each model's {@code score-predictions} record carries both methods. With a corpus spread over shards no
 * distances are sent: ridge from Q is fitted on the complete models' ξ rows ({@link CorpusRows}) instead, and
 * the analytics and cpp's Q factors, which read the distances, are not computed for that corpus.
 */
public final class PredictionProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PredictionProcessor.class);
  public static final String METHOD = "ridge-q";
  /** The share of one core refits and analytics may take on average (BackgroundBudget). */
  private static final double BACKGROUND_SHARE = 0.5;
  /** Analytics wait for running refits, but not for longer than this many analytics intervals. */
  private static final int OVERDUE_INTERVALS = 6;
  /**
   * The stream-thread time one punctuation may spend publishing the predictions a refit changed; the rest wait for
   * the next. A punctuation runs inside a transaction, which must commit within Kafka Streams' transaction timeout
   * (10 s under exactly-once). At S &gt; 1 each prediction reads a row and measures it against the training rows,
   * and publishing 50,000 of them at once outlasted the timeout: the coordinator aborted the transaction, the task
   * was fenced, restarted, refitted and published again, without end (the K = 100,000 bench, docs/RESULTS.md).
   */
  static final Duration REPUBLISH_BUDGET = Duration.ofMillis(500);
  private final Duration provisionalInterval;
  private final PredictionSettings settings;
  private static final String COLLABORATIVE_JOB = "cpp";
  private final Serde<ModelDistances> distancesSerde;
  private final Serde<ModelRegistered> registrationSerde;
  private final Serde<BenchmarkRegistered> benchmarkSerde;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, byte[]> models;
  private KeyValueStore<String, byte[]> tasks;
  private KeyValueStore<String, byte[]> scores;
  private KeyValueStore<String, byte[]> distances;
  private KeyValueStore<String, byte[]> embeddingStore;
  /** The complete models' ξ rows, at S &gt; 1 only ({@code rowsFromShards}); null at one shard. */
  private KeyValueStore<String, byte[]> rows;
  private final boolean rowsFromShards;
  private PredictionState state;
  private CollaborativeState collaborative;
  private EmbeddingForecasts forecasts;
  private PredictionRecords records;
  private ExecutorService background;
  private BackgroundJobs<BenchmarkFit> refits;
  private BackgroundJobs<Optional<CollaborativeFit>> collaborativeRefits;
  private BackgroundJobs<List<EmbeddingForecastInput.Forecast>> forecastRefits;
  private BackgroundJobs<ModelAnalytics> analytics;
  private long lastAnalyticsMs = Long.MIN_VALUE / 2;
  /** Models whose predictions a refit changed, oldest first, waiting to be published ({@link #REPUBLISH_BUDGET}). */
  private final Set<Waiting> republish = new LinkedHashSet<>();

  /** A model whose predictions wait to be published, with the corpus they are published for. */
  private record Waiting(String corpus, String model) {}

  /** Publishes provisional results every {@code provisionalInterval}; predicts as {@code settings} say. */
  public PredictionProcessor(Duration provisionalInterval, PredictionSettings settings,
      Serde<ModelDistances> distancesSerde, Serde<ModelRegistered> registrationSerde,
      Serde<BenchmarkRegistered> benchmarkSerde) {
    this(provisionalInterval, settings, distancesSerde, registrationSerde, benchmarkSerde, false);
  }

  /**
   * As above; with {@code rowsFromShards} (S &gt; 1, stores {@link PredictionStores#shardedNames}) ridge from Q
   * is fitted on the ξ rows of the complete models' {@code model-coordinates} instead of ModelDistances.
   */
  public PredictionProcessor(Duration provisionalInterval, PredictionSettings settings,
      Serde<ModelDistances> distancesSerde, Serde<ModelRegistered> registrationSerde,
      Serde<BenchmarkRegistered> benchmarkSerde, boolean rowsFromShards) {
    this.rowsFromShards = rowsFromShards;
    this.provisionalInterval = provisionalInterval;
    this.settings = settings;
    this.distancesSerde = distancesSerde;
    this.registrationSerde = registrationSerde;
    this.benchmarkSerde = benchmarkSerde;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.models = context.getStateStore(PredictionStores.MODELS);
    this.tasks = context.getStateStore(PredictionStores.TASKS);
    this.scores = context.getStateStore(PredictionStores.SCORES);
    this.distances = context.getStateStore(PredictionStores.DISTANCES);
    this.embeddingStore = context.getStateStore(PredictionStores.EMBEDDINGS);
    this.rows = rowsFromShards ? context.getStateStore(PredictionStores.ROWS) : null;
    restore();
    background = BackgroundJobs.daemonThread("prediction-background-" + context.taskId());
    BackgroundBudget budget = new BackgroundBudget(BACKGROUND_SHARE, System::nanoTime);
    refits = new BackgroundJobs<>(background, budget);
    analytics = new BackgroundJobs<>(background, budget);
    collaborativeRefits = new BackgroundJobs<>(background, budget);
    forecastRefits = new BackgroundJobs<>(background, budget);
    context.schedule(provisionalInterval, PunctuationType.WALL_CLOCK_TIME, this::punctuate);
  }

  /** Memory from the stores alone (a revived task's rolled-back records are gone); every fit is redone. */
  private void restore() {
    state = new PredictionState(settings.minObserved(), settings.folds(),
        settings.grouping());
    collaborative = new CollaborativeState(settings.collaborative());
    forecasts = new EmbeddingForecasts(settings.collaborative().debounce());
    StoreEntries.forEach(embeddingStore, (model, value) -> forecasts.embed(model, ForecastEmbedding.fromBytes(value)));
    records = new PredictionRecords(state, collaborative, forecasts);
    StoreEntries.forEach(models, (model, value) -> register(registrationSerde.deserializer()
        .deserialize(PredictionStores.MODELS, value)));
    StoreEntries.forEach(tasks, (benchmark, value) -> collaborative.registerTask(benchmark,
        TaskFacts.of(benchmarkSerde.deserializer().deserialize(PredictionStores.TASKS, value))));
    StoreEntries.forEach(distances, (key, value) -> {
      ModelDistances d = distancesSerde.deserializer().deserialize(PredictionStores.DISTANCES, value);
      state.complete(d.getCorpusId().toString(), d.getModelId().toString(), d.getMeanLogLikelihood(), kl(d));
    });
    StoreEntries.forEach(scores, (key, value) -> {
      List<String> parts = CompositeKey.split(key);
      state.score(parts.get(0), parts.get(1), PredictionStores.scoreValue(value));
      collaborative.scoreFacts(parts.get(1), PredictionStores.scoreShots(value), PredictionStores.scoreMetric(value));
    });
    if (rows != null) { // after the scores: the rows of scored models are kept in memory
      StoreEntries.forEach(rows, (key, value) -> {
        List<String> parts = CompositeKey.split(key);
        state.completeRow(parts.get(0), parts.get(1), PredictionStores.row(value), storedRows(parts.get(0)));
      });
    }
    collaborative.changed(Long.MIN_VALUE / 2); // refit at the first punctuation
    forecasts.changed(Long.MIN_VALUE / 2);
  }

  private void register(ModelRegistered registered) {
    ModelFacts facts = ModelFacts.of(registered);
    state.register(registered.getModelId().toString(), facts.family(), facts.type());
    collaborative.register(registered.getModelId().toString(), facts);
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    long now = context.currentSystemTimeMs();
    if (record.value() instanceof ModelRegistered registered) {
      String model = registered.getModelId().toString();
      models.put(model, registrationSerde.serializer().serialize(PredictionStores.MODELS, registered));
      register(registered);
      if (state.scored(model)) {
        collaborative.changed(now); // its factors entered the fit
      } else if (collaborative.fit().isPresent()) {
        forward(model, records.predictions(state.corpusOf(model), model), record.timestamp()); // from its factors alone
      }
    } else if (record.value() instanceof ModelEmbedding embedding) {
      String model = embedding.getModelId().toString();
      ForecastEmbedding vector = ForecastEmbedding.of(embedding);
      embeddingStore.put(model, vector.toBytes());
      forecasts.embed(model, vector);
      forecasts.changed(now);
    } else if (record.value() instanceof BenchmarkRegistered benchmark) {
      tasks.put(benchmark.getBenchmarkId().toString(),
          benchmarkSerde.serializer().serialize(PredictionStores.TASKS, benchmark));
      collaborative.registerTask(benchmark.getBenchmarkId().toString(), TaskFacts.of(benchmark));
      collaborative.changed(now);
    } else if (record.value() instanceof BenchmarkScore score) {
      String model = score.getModelId().toString();
      String benchmark = score.getBenchmarkId().toString();
      String key = CompositeKey.of(model, benchmark);
      boolean measured = ScoreSource.MEASURED.equals(score.getSource());
      byte[] known = scores.get(key);
      if (measured && known != null && !PredictionStores.measured(known)) {
        return; // a user's imported score of the same model and benchmark stands over the aggregator's own
      }
      String metric = score.getMetric().toString();
      scores.put(key, PredictionStores.score(score.getValue(), measured, score.getShots(), metric));
      state.score(model, benchmark, score.getValue());
      collaborative.scoreFacts(benchmark, score.getShots(), metric);
      collaborative.changed(now);
      forecasts.changed(now);
    } else if (record.value() instanceof ModelDistances d) {
      String corpus = d.getCorpusId().toString();
      String model = d.getModelId().toString();
      distances.put(CompositeKey.of(corpus, model), distancesSerde.serializer().serialize(PredictionStores.DISTANCES, d));
      state.complete(corpus, model, d.getMeanLogLikelihood(), kl(d));
      if (state.scored(model)) {
        collaborative.changed(now); // its Q coordinates entered the fit
      }
      if (!state.fits(corpus).isEmpty() || collaborative.fit().isPresent()) {
        forward(model, records.predictions(corpus, model), record.timestamp()); // the new model, from the fits as they are
      }
    } else if (record.value() instanceof ModelCoordinates row && rows != null) {
      String corpus = row.getCorpusId();
      String model = row.getModelId();
      double[] xi = row.getXi().stream().mapToDouble(Double::doubleValue).toArray();
      rows.put(CompositeKey.of(corpus, model), PredictionStores.row(xi));
      state.completeRow(corpus, model, xi, storedRows(corpus));
      if (!state.fits(corpus).isEmpty() || collaborative.fit().isPresent()) {
        forward(model, records.predictions(corpus, model), record.timestamp()); // the new model, from its own row
      }
    } else {
      throw new IllegalArgumentException("unexpected record type " + record.value().getClass());
    }
  }

  /** A complete model's stored ξ row on {@code corpus} (S &gt; 1). */
  private java.util.function.Function<String, double[]> storedRows(String corpus) {
    return model -> PredictionStores.row(rows.get(CompositeKey.of(corpus, model)));
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
      if (!backgroundIdle() || !refits.mayStart()) {
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
    collaborativeRefits.drainFinished().forEach((key, fit) -> {
      collaborative.install(fit);
      publishCollaborative(now);
    });
    if (collaborative.due(now) && backgroundIdle() && collaborativeRefits.mayStart()) {
      Optional<CollaborativeInput> input = collaborative.input(state.scores(), state.corpora());
      if (input.isPresent()) {
        collaborativeRefits.submit(COLLABORATIVE_JOB, () -> {
          long start = System.nanoTime();
          CollaborativeFit fit = input.get().fit();
          LOG.info("collaborative prediction refitted on {} scores of {} models and {} benchmarks in {} ms",
              input.get().cells().size(), input.get().models().size(), input.get().tasks().size(),
              (System.nanoTime() - start) / 1_000_000);
          return Optional.of(fit);
        });
      }
    }
    forecastRefits.drainFinished().forEach((key, fitted) -> {
      forecasts.install(fitted);
      publishForecasts(now);
    });
    if (forecasts.due(now) && backgroundIdle() && forecastRefits.mayStart()) {
      EmbeddingForecastInput input = forecasts.input(state.scores(), state.knownGroups(), settings.grouping().label(),
          state.minObserved(), settings.folds());
      forecastRefits.submit(EmbeddingForecastInput.METHOD, input::fit);
    }
    republishSome(now);
    analytics.drainFinished().forEach((corpus, result) -> forward(corpus, result, now));
    long interval = settings.analyticsInterval().toMillis();
    boolean overdue = now >= lastAnalyticsMs + OVERDUE_INTERVALS * interval;
    if (now >= lastAnalyticsMs + interval && analytics.idle() && collaborativeRefits.idle()
        && (refits.idle() || overdue) && analytics.mayStart()) {
      // all corpora of the moment in one go: analytics are rarer than refits
      for (String corpus : state.drainAnalyticsStale()) {
        MapAnalytics.Input input = MapAnalytics.input(corpus, state.distances(corpus), state.scores(), state.minObserved());
        analytics.submit(corpus, () -> MapAnalytics.of(input));
        lastAnalyticsMs = now;
      }
    }
  }

  private boolean backgroundIdle() {
    return refits.idle() && analytics.idle() && collaborativeRefits.idle() && forecastRefits.idle();
  }

  /** After a refit of a corpus's ridge: each benchmark's quality now, its models' predictions as time allows. */
  private void publish(String corpus, long now) {
    state.map(corpus).models().forEach(model -> republish.add(new Waiting(corpus, model)));
    for (BenchmarkFit fit : state.fits(corpus)) {
      forward(CompositeKey.of(fit.benchmarkId(), METHOD), records.ridgeQuality(fit), now);
    }
  }

  /** After an embedding forecast: each benchmark's quality now, every embedded model as time allows. */
  private void publishForecasts(long now) {
    forecasts.models().forEach(model -> republish.add(new Waiting(state.corpusOf(model), model)));
    for (PredictionQuality q : forecasts.quality(settings.grouping().label())) {
      forward(CompositeKey.of(q.getBenchmarkId().toString(), EmbeddingForecastInput.METHOD), q, now);
    }
  }

  /** After a collaborative refit: each benchmark's quality now, every model it speaks for as time allows. */
  private void publishCollaborative(long now) {
    Optional<CollaborativeFit> fit = collaborative.fit();
    if (fit.isEmpty()) {
      return;
    }
    collaborative.models(state.scores()).forEach(model -> republish.add(new Waiting(state.corpusOf(model), model)));
    for (PredictionQuality q : records.collaborativeQuality(fit.get())) {
      forward(CompositeKey.of(q.getBenchmarkId().toString(), CollaborativeFit.METHOD), q, now);
    }
  }

  /**
   * Publishes waiting models' current predictions, oldest first, for at most {@link #REPUBLISH_BUDGET} (and at least
   * one model, so the queue always moves).
   */
  private void republishSome(long now) {
    long deadline = System.nanoTime() + REPUBLISH_BUDGET.toNanos();
    Iterator<Waiting> waiting = republish.iterator();
    for (boolean first = true; waiting.hasNext() && (first || System.nanoTime() < deadline); first = false) {
      Waiting next = waiting.next();
      waiting.remove();
      forward(next.model(), records.predictions(next.corpus(), next.model()), now);
    }
  }

  @Override
  public void close() {
    background.shutdownNow(); // a revived task starts over from its stores
  }

  private void forward(String key, SpecificRecord value, long timestamp) {
    context.forward(new Record<>(key, value, timestamp));
  }

  private static Map<String, Double> kl(ModelDistances d) {
    Map<String, Double> kl = new java.util.HashMap<>();
    d.getKlNats().forEach((other, value) -> kl.put(other.toString(), value));
    return kl;
  }

}
