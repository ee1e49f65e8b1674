package io.modelmap.aggregator.matrix;

import static io.modelmap.schemas.topic.DeadLetterReason.CONFLICTING_TEXT;
import static io.modelmap.schemas.topic.DeadLetterReason.UNKNOWN_TEXT;
import static io.modelmap.schemas.topic.DeadLetterReason.UNREGISTERED_MODEL;

import io.modelmap.aggregator.ingest.DeadLetterSink;
import io.modelmap.aggregator.ingest.ParkedRecord;
import io.modelmap.aggregator.ingest.PendingRecords;
import io.modelmap.aggregator.support.PublishingSettings;
import io.modelmap.aggregator.support.TaskSensors;
import io.modelmap.schemas.topic.TopicNames;
import io.modelmap.aggregator.ingest.SourceCoordinates;
import io.modelmap.aggregator.ingest.Validator;
import io.modelmap.schemas.topic.DeadLetterReason;
import io.modelmap.aggregator.support.BackgroundBudget;
import io.modelmap.aggregator.support.BackgroundJobs;
import io.modelmap.schemas.avro.ModelPosition;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.ShardExchange;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.avro.TextScore;
import io.modelmap.schemas.avro.TextScores;
import io.modelmap.schemas.key.CompositeKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the matrices of the corpora routed to its task (records keyed by corpus id). Texts, scores and
 * registrations arrive merged; completed rows publish coordinates, the frame and neighbour lists at once,
 * rows in progress publish provisional neighbours on a wall-clock punctuation. Only the scores of a
 * model registered on their corpus are applied; the others wait for its registration like scores wait
 * for their texts, and are dead-lettered {@code unregistered-model} when it does not come in time.
 *
 * <p>In-memory matrices are rebuilt from the stores in {@link #init}, so after a crash or a
 * rebalance they match the last committed state exactly (exactly-once).
 *
 * <p>With {@code shards} S &gt; 1 a task holds one shard of each corpus (records keyed corpus and shard): the
 * rows of its models only. Neighbour lists then come from the rows the shards send each other
 * ({@link ShardExchanges}), the frame from {@link ShardFrameProcessor}; no map layout and no distances for
 * the predictions are published (they need all K × K distances in one task).
 */
public final class MatrixProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {
  private static final Logger LOG = LoggerFactory.getLogger(MatrixProcessor.class);
  /**
   * Up to this many models a layout runs on the stream thread at the punctuation (a dense
   * eigendecomposition, milliseconds); above, on a background thread (at K = 1,600 a layout took a
   * third of the stream thread's time; at K = 10,000 it takes tens of seconds), and the frame follows.
   */
  static final int INLINE_LAYOUT_LIMIT = 200;
  /**
   * The layout thread's share of one core on average while models arrive: a picture need not refresh
   * faster than that (at K = 10,000 a layout takes about a minute, and 0.2 cost a fifth of a two-core
   * machine through the bulk).
   */
  private static final double LAYOUT_SHARE = 0.1;
  /** With no completion for this long the stream thread has nothing to protect: a stale map is laid out at once. */
  static final long LAYOUT_QUIET_MS = 2_000;
  /**
   * A provisional round costs O(rows in progress × K × N); the next waits this many times its duration,
   * so provisional lists take at most a tenth of the stream thread however large the map grows.
   */
  private static final int PROVISIONAL_PAUSE_FACTOR = 9;
  /**
   * A record this much older than the wall clock means the task is behind and more records wait: a row
   * it completes then waits for the batch punctuation, which Kafka Streams runs after the records in hand
   * and before it commits, so rows completing together share one pass over the matrix. A task that is
   * keeping up completes a row at once.
   */
  static final long BEHIND_MS = 100;
  /**
   * How often the batch punctuation runs. Not every loop: Kafka Streams halves the records it processes
   * per loop after each punctuation, so a 1 ms punctuation kept it at one record per loop and the batches
   * at one row (measured at K = 10,000: 3,777 single completions against 248 batches).
   */
  public static final java.time.Duration BATCH_INTERVAL = java.time.Duration.ofMillis(50);
  /** The most rows one batch completes: each holds its KL to every complete model until its top k is taken. */
  static final int MAX_BATCH = 64;

  private final PublishingSettings publishing;
  private final MatrixSettings settings;
  private final TopicNames topics;
  private final Serde<TextScores> scoresSerde;
  private final Serde<TextChunk> textsSerde;
  private final Clock clock;
  private final Map<String, CorpusMatrix> matrices = new HashMap<>();
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, byte[]> texts;
  private KeyValueStore<Bytes, byte[]> scores;
  private PendingRecords pending;
  private DeadLetterSink deadLetters;
  private Sensor duplicates;
  private Sensor conflicts;
  private Sensor completed;
  private Sensor neighbourUpdate;
  private ExecutorService layoutThread;
  private BackgroundJobs<List<ModelPosition>> layouts;
  private long provisionalNotBeforeMs = Long.MIN_VALUE;
  private long lastCompletionMs;
  private KeyValueStore<String, byte[]> completions;
  private RegisteredModels registered;
  /** S, the shards each corpus is spread over; 1: every row of a corpus in one task, as before sharding. */
  private final int shards;
  private ShardExchanges exchanges;
  private final Serializer<ShardExchange> exchangeSerializer;
  private long exchangeTimeMs = Long.MIN_VALUE;

  public MatrixProcessor(PublishingSettings publishing, MatrixSettings settings, TopicNames topics,
      Serde<TextScores> scoresSerde, Serde<TextChunk> textsSerde, Clock clock) {
    this(publishing, settings, topics, scoresSerde, textsSerde, clock, 1, (topic, value) -> {
      throw new IllegalStateException("no shard exchange with one shard");
    });
  }

  /**
   * A shard of S &gt; 1 (its stores include {@link MatrixStoreBuilders#sharded}'s), or the whole corpus at 1;
   * {@code exchangeSerializer} writes the bytes of a loop record it dead-letters.
   */
  public MatrixProcessor(PublishingSettings publishing, MatrixSettings settings, TopicNames topics,
      Serde<TextScores> scoresSerde, Serde<TextChunk> textsSerde, Clock clock, int shards,
      Serializer<ShardExchange> exchangeSerializer) {
    if (shards > 1 && settings.clippingQuantile().isPresent()) {
      throw new IllegalArgumentException("clipping needs every row of a corpus in one task: run with one shard");
    }
    this.shards = shards;
    this.exchangeSerializer = exchangeSerializer;
    this.publishing = publishing;
    this.settings = settings;
    this.topics = topics;
    this.scoresSerde = scoresSerde;
    this.textsSerde = textsSerde;
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.texts = MatrixStores.texts(context);
    this.scores = MatrixStores.scores(context);
    this.completions = MatrixStores.completions(context);
    this.pending = new PendingRecords(MatrixStores.pending(context), clock, publishing.pendingTimeout(),
        parked -> scoresSerde.deserializer().deserialize(parked.source().topic(), parked.encodedValue()).getCorpusId(),
        parked -> scoresSerde.deserializer().deserialize(parked.source().topic(), parked.encodedValue()).getModelId());
    this.deadLetters = new DeadLetterSink(context, clock);
    this.duplicates = TaskSensors.counter(context, "duplicate-scores",
        "Scores of a (model, text) already counted, ignored");
    this.conflicts = TaskSensors.counter(context, "conflicting-scores",
        "Re-scores of a (model, text) that differ from the first value, which is kept");
    this.completed = TaskSensors.counter(context, "models-completed", "Models whose row became complete");
    this.neighbourUpdate = TaskSensors.latency(context, "neighbour-update-latency-ms",
        "Time from a row's last score to its coordinates, frame and changed neighbour lists being forwarded");
    restore();
    exchanges = shards > 1
        ? new ShardExchanges(shards, publishing.neighborCount(), MatrixStores.shardNeighbors(context)) : null;
    stopLayouts(); // a revived task lays out again from its stores
    layoutThread = BackgroundJobs.daemonThread("map-layout-" + context.taskId());
    layouts = new BackgroundJobs<>(layoutThread, new BackgroundBudget(LAYOUT_SHARE, System::nanoTime));
    context.schedule(publishing.provisionalInterval(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    context.schedule(BATCH_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::completeWaiting);
  }

  private void restore() {
    // A task closed dirty under exactly-once is revived with this same instance: memory may hold
    // records its rolled-back transaction wrote, so it is rebuilt from the stores alone.
    matrices.clear();
    registered = new RegisteredModels(MatrixStores.registered(context));
    try (KeyValueIterator<String, byte[]> all = texts.all()) {
      while (all.hasNext()) {
        KeyValue<String, byte[]> entry = all.next();
        String[] key = MatrixStores.splitInCorpus(entry.key);
        MatrixStores.TextEntry text = MatrixStores.TextEntry.parse(entry.value);
        matrix(key[0]).addText(key[1], text.index(), text.corpusSize(), text.byteLength(), text.category());
      }
    }
    try (KeyValueIterator<Bytes, byte[]> all = scores.all()) {
      while (all.hasNext()) {
        KeyValue<Bytes, byte[]> entry = all.next();
        MatrixStores.ScoreKey key = MatrixStores.ScoreKey.parse(entry.key);
        ModelRow row = matrix(key.corpusId()).row(key.modelId());
        MatrixStores.forEachScore(entry.value, row::offer);
      }
    }
    for (CorpusMatrix matrix : matrices.values()) {
      for (String model : matrix.fullRowsNotComplete(Integer.MAX_VALUE)) {
        if (completions.get(MatrixStores.inCorpus(matrix.corpusId(), model)) != null) {
          matrix.markComplete(model);
        } // else its completion was never published: the next batch completes it
      }
      if (shards == 1) { // a shard's lists are stored as they are: the rows of other shards are not here
        matrix.recomputeAllNeighbors();
      }
    }
  }

  private CorpusMatrix matrix(String corpusId) {
    return matrices.computeIfAbsent(corpusId,
        id -> new CorpusMatrix(id, publishing.neighborCount(), settings.clippingQuantile(), shards == 1));
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    if (record.value() instanceof TextChunk text) {
      onText(record, text);
    } else if (record.value() instanceof ModelRegistered registration) {
      onRegistration(registration, record.timestamp());
    } else if (record.value() instanceof ShardExchange message && exchanges != null) {
      onExchange(record, message);
    } else if (record.value() instanceof TextScores textScores) {
      SourceCoordinates source = SourceCoordinates.readFrom(record.headers())
          .orElse(new SourceCoordinates(topics.textScores(), -1, -1));
      onScores(textScores, source, record.timestamp());
    } else {
      throw new IllegalArgumentException("unexpected record type " + record.value().getClass());
    }
  }

  /** A ROW or REPLY from the loop: applied, or dead-lettered when it contradicts what this shard holds. */
  private void onExchange(Record<String, SpecificRecord> record, ShardExchange message) {
    CorpusMatrix matrix = matrices.get(message.getCorpusId()); // a bogus corpus adds no matrix
    Optional<Validator.Rejection> refusal = exchanges.refusal(matrix, message);
    if (refusal.isPresent()) {
      SourceCoordinates source = SourceCoordinates.readFrom(record.headers())
          .orElse(new SourceCoordinates(DeadLetterReason.SHARD_EXCHANGE_TOPIC, -1, -1));
      deadLetters.send(record.key(), exchangeSerializer.serialize(source.topic(), message), source,
          refusal.get().rule(), refusal.get().message(), record.timestamp());
      return;
    }
    // rows and replies from other shards arrive out of their time order: what they change is published at the
    // task's wall clock (as provisional lists are), never earlier than before, so a list's records keep their order
    exchangeTimeMs = Math.max(exchangeTimeMs, Math.max(record.timestamp(), context.currentSystemTimeMs()));
    exchanges.receive(matrix, message, (key, value) -> forward(key, value, exchangeTimeMs));
  }

  private void onText(Record<String, SpecificRecord> record, TextChunk text) {
    CorpusMatrix matrix = matrix(text.getCorpusId());
    CorpusColumns.Outcome outcome =
        matrix.addText(text.getTextId(), text.getIndex(), text.getCorpusSize(), text.getByteLength(), text.getCategory());
    if (outcome == CorpusColumns.Outcome.CONFLICT) {
      SourceCoordinates source = SourceCoordinates.readFrom(record.headers())
          .orElse(new SourceCoordinates(topics.corpusTexts(), -1, -1));
      deadLetters.send(CompositeKey.of(text.getCorpusId(), text.getTextId()),
          textsSerde.serializer().serialize(source.topic(), text), source, CONFLICTING_TEXT.code(),
          "text " + text.getTextId() + " (index " + text.getIndex() + " of " + text.getCorpusSize()
              + ") contradicts the corpus " + text.getCorpusId() + " already known; publish a corpus under a new id",
          record.timestamp());
      return;
    }
    if (outcome == CorpusColumns.Outcome.ADDED) {
      texts.put(MatrixStores.inCorpus(text.getCorpusId(), text.getTextId()),
          MatrixStores.textValue(text.getIndex(), text.getCorpusSize(), text.getByteLength(), text.getCategory()));
      if (matrix.isCorpusKnown()) {
        // the corpus just became whole (no text is added after that): its parked scores can resolve now
        long now = record.timestamp();
        pending.retry(text.getCorpusId(), parked -> settle(parked, now));
      }
    }
  }

  private void onRegistration(ModelRegistered registration, long timestamp) {
    String corpus = registration.getCorpusId();
    if (registered.add(corpus, registration.getModelId()) && pending.waits(corpus, registration.getModelId())) {
      // its scores that arrived first apply now, in read order, not a punctuation later: a registration
      // reaches the matrix through the view, so a model's first scores often come before it
      pending.retry(corpus, parked -> settle(parked, timestamp));
    }
  }

  /**
   * Whether the model's scores on the matrix's corpus may be applied: it is registered there, or its row
   * was filled before registrations were checked (stores written by an earlier version), whose later
   * scores must complete it.
   */
  private boolean admitted(CorpusMatrix matrix, String modelId) {
    return registered.contains(matrix.corpusId(), modelId) || matrix.hasRow(modelId);
  }

  private void onScores(TextScores textScores, SourceCoordinates source, long timestamp) {
    CorpusMatrix matrix = matrix(textScores.getCorpusId());
    List<Integer> indices = resolve(matrix, textScores);
    if (indices == null && matrix.isCorpusKnown()) {
      deadLetters.send(textScores.getModelId(), scoresSerde.serializer().serialize(source.topic(), textScores), source,
          UNKNOWN_TEXT.code(), "scores name texts that are not in corpus " + textScores.getCorpusId()
              + "; score the texts published in corpus-texts", timestamp);
      return;
    }
    // first wins: scores of a model whose earlier scores wait are parked behind them
    if (indices == null || !admitted(matrix, textScores.getModelId())
        || pending.waits(textScores.getCorpusId(), textScores.getModelId())) {
      pending.park(textScores.getCorpusId(), new ParkedRecord(pending.nowMs(), source,
          scoresSerde.serializer().serialize(source.topic(), textScores)));
      return;
    }
    apply(matrix, textScores, indices, timestamp);
  }

  /** Column indices of the record's texts, or null while any text is unknown. */
  private static List<Integer> resolve(CorpusMatrix matrix, TextScores textScores) {
    List<Integer> indices = new ArrayList<>(textScores.getScores().size());
    for (TextScore score : textScores.getScores()) {
      OptionalInt index = matrix.indexOf(score.getTextId());
      if (index.isEmpty()) {
        return null;
      }
      indices.add(index.getAsInt());
    }
    return indices;
  }

  private void apply(CorpusMatrix matrix, TextScores textScores, List<Integer> indices, long timestamp) {
    String modelId = textScores.getModelId();
    ModelRow row = matrix.row(modelId);
    int sequence = row.scored();
    int[] acceptedIndices = new int[indices.size()];
    double[] acceptedValues = new double[indices.size()];
    int accepted = 0;
    for (int i = 0; i < indices.size(); i++) {
      double ll = textScores.getScores().get(i).getLogLikelihood();
      switch (row.offer(indices.get(i), ll)) {
        case ACCEPTED -> {
          acceptedIndices[accepted] = indices.get(i);
          acceptedValues[accepted++] = ll;
        }
        case DUPLICATE -> duplicates.record();
        case CONFLICT -> {
          conflicts.record();
          LOG.warn("Model {} re-scored text {} differently; keeping the first value",
              modelId, textScores.getScores().get(i).getTextId());
        }
      }
    }
    if (accepted > 0) {
      scores.put(MatrixStores.scoreKey(matrix.corpusId(), modelId, sequence),
          MatrixStores.scoresValue(acceptedIndices, acceptedValues, accepted));
    }
    if (row.isFull() && !row.isComplete() && matrix.isCorpusKnown()) {
      if (context.currentSystemTimeMs() - timestamp <= BEHIND_MS) {
        completeWaiting(matrix, timestamp); // else the row waits, full, for the batch punctuation
      }
    } else if (!row.isComplete()) {
      matrix.markChanged(modelId);
    }
  }

  private void completeWaiting(long now) {
    for (CorpusMatrix matrix : matrices.values()) {
      completeWaiting(matrix, now);
    }
  }

  /**
   * Completes the corpus's full rows (at most {@link #MAX_BATCH}; the rest at the next punctuation) as one
   * batch and publishes what changed.
   */
  private void completeWaiting(CorpusMatrix matrix, long timestamp) {
    List<String> fresh = matrix.fullRowsNotComplete(MAX_BATCH);
    if (fresh.isEmpty()) {
      return;
    }
    long started = System.nanoTime();
    lastCompletionMs = context.currentSystemTimeMs();
    if (exchanges != null) {
      completeShard(matrix, fresh, timestamp);
      neighbourUpdate.record((System.nanoTime() - started) / 1e6);
      return;
    }
    Set<String> batch = Set.copyOf(fresh);
    List<String> changed = matrix.complete(fresh);
    boolean clipping = settings.clippingQuantile().isPresent();
    for (String id : changed) {
      boolean isNew = batch.contains(id);
      if (isNew || clipping) {
        forward(id, OutputRecords.completeCoordinates(matrix, id), timestamp);
      }
      forward(id, OutputRecords.neighbors(matrix, id, matrix.neighbors(id), false), timestamp);
      if (isNew || clipping) { // clipping moves every distance
        forward(id, OutputRecords.distances(matrix, id), timestamp);
      }
    }
    forward(matrix.corpusId(), OutputRecords.frame(matrix, settings.mapMethod()), timestamp);
    for (String model : fresh) {
      completions.put(MatrixStores.inCorpus(matrix.corpusId(), model), new byte[0]);
      completed.record();
    }
    neighbourUpdate.record((System.nanoTime() - started) / 1e6);
    LOG.info("{} complete on corpus {}: {} models mapped", fresh.size() == 1 ? "Model " + fresh.get(0)
        : fresh.size() + " models", matrix.corpusId(), matrix.completeCount());
  }

  /**
   * Marks the shard's full rows complete, publishes their coordinates and sends their rows to every shard,
   * all in the transaction that stores the completions: a row that reaches another shard after this commit
   * finds these models complete here.
   */
  private void completeShard(CorpusMatrix matrix, List<String> fresh, long timestamp) {
    for (String model : fresh) {
      matrix.markComplete(model);
      completions.put(MatrixStores.inCorpus(matrix.corpusId(), model), new byte[0]);
      forward(model, OutputRecords.completeCoordinates(matrix, model), timestamp);
      completed.record();
    }
    exchanges.completed(matrix, fresh, context.taskId().partition(), (key, value) -> forward(key, value, timestamp));
  }

  private void punctuate(long now) {
    retryPending(now);
    layouts.drainFinished().forEach((corpus, laidOut) -> {
      CorpusMatrix matrix = matrices.get(corpus);
      matrix.installLayout(laidOut);
      forward(corpus, OutputRecords.frame(matrix, settings.mapMethod()), now);
    });
    for (CorpusMatrix matrix : matrices.values()) {
      if (exchanges == null && matrix.isMapStale() && !layouts.running(matrix.corpusId())) {
        if (matrix.mapSize() <= INLINE_LAYOUT_LIMIT || settings.clippingQuantile().isPresent()) {
          matrix.layoutMap(settings.mapMethod());
          forward(matrix.corpusId(), OutputRecords.frame(matrix, settings.mapMethod()), now);
        } else if (layouts.mayStart() || now - lastCompletionMs >= LAYOUT_QUIET_MS) {
          layouts.submit(matrix.corpusId(), matrix.layoutJob(settings.mapMethod()));
        }
      }
    }
    if (now >= provisionalNotBeforeMs) {
      long started = System.nanoTime();
      for (CorpusMatrix matrix : matrices.values()) {
        for (String model : matrix.drainChanged()) {
          forward(model, OutputRecords.progressCoordinates(matrix, model), now);
          forward(model, OutputRecords.neighbors(matrix, model, matrix.provisionalNeighbors(model), true), now);
        }
      }
      provisionalNotBeforeMs = now + PROVISIONAL_PAUSE_FACTOR * (System.nanoTime() - started) / 1_000_000;
    }
  }

  private void retryPending(long now) {
    for (String corpus : pending.due()) {
      pending.retry(corpus, parked -> settle(parked, now));
    }
  }

  /**
   * Applies a parked record once its texts are known and its model registered on the corpus; dead-letters
   * it once its texts cannot be known, or when it timed out.
   */
  private boolean settle(ParkedRecord p, long now) {
    TextScores textScores = scoresSerde.deserializer().deserialize(p.source().topic(), p.encodedValue());
    CorpusMatrix matrix = matrix(textScores.getCorpusId());
    List<Integer> indices = resolve(matrix, textScores);
    boolean expired = pending.expired(p.firstSeenMs());
    if (indices != null && admitted(matrix, textScores.getModelId())) {
      if (pending.waits(textScores.getCorpusId(), textScores.getModelId())) {
        return false; // behind earlier scores of its model that still wait
      }
      apply(matrix, textScores, indices, now);
      return true;
    }
    if (indices == null && (matrix.isCorpusKnown() || expired)) {
      deadLetters.send(textScores.getModelId(), p.encodedValue(), p.source(), UNKNOWN_TEXT.code(),
          "scores name texts that are not in corpus " + textScores.getCorpusId()
              + (expired ? " after waiting " + publishing.pendingTimeout() : "")
              + "; publish the corpus before its scores", now);
      return true;
    }
    if (expired) {
      deadLetters.send(textScores.getModelId(), p.encodedValue(), p.source(), UNREGISTERED_MODEL.code(),
          "model " + textScores.getModelId() + " is not registered on corpus " + textScores.getCorpusId()
              + " after waiting " + publishing.pendingTimeout() + "; register the model on corpus "
              + textScores.getCorpusId() + " (./modelmap register --model-id … --corpus-id "
              + textScores.getCorpusId() + ") before publishing its scores", now);
      return true;
    }
    return false;
  }

  private void forward(String key, SpecificRecord value, long timestamp) {
    context.forward(new Record<>(key, value, timestamp));
  }

  @Override
  public void close() {
    stopLayouts();
  }

  private void stopLayouts() {
    if (layoutThread != null) {
      layoutThread.shutdownNow();
    }
  }
}
