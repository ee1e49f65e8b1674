package io.modelmap.scorer.worker;

import static io.modelmap.schemas.topic.DeadLetterReason.FAILED_AFTER_RETRIES;
import static io.modelmap.schemas.topic.DeadLetterReason.INVALID_ID;
import static io.modelmap.schemas.topic.DeadLetterReason.SOURCE_REFUSED;
import static io.modelmap.schemas.topic.DeadLetterReason.UNDECODABLE;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDManager;
import io.modelmap.hub.HubSourceUri;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.Publisher;
import io.modelmap.schemas.avro.GenerationSpec;
import io.modelmap.schemas.avro.McAnswers;
import io.modelmap.schemas.avro.ModelResponses;
import io.modelmap.schemas.avro.PromptResponse;
import io.modelmap.schemas.avro.ScoreTask;
import io.modelmap.schemas.avro.TextScore;
import io.modelmap.schemas.avro.TextScores;
import io.modelmap.schemas.registry.RegistryUnavailableException;
import io.modelmap.schemas.topic.DeadLetterRecords;
import io.modelmap.schemas.topic.Topics;
import io.modelmap.scorer.generation.GenerationSettings;
import io.modelmap.scorer.generation.Generator;
import io.modelmap.scorer.model.CausalLm;
import io.modelmap.scorer.model.IncrementalLm;
import io.modelmap.scorer.model.CausalLmLoader;
import io.modelmap.scorer.model.CheckpointCheck;
import io.modelmap.scorer.model.Float16Fallback;
import io.modelmap.scorer.scoring.ChoiceAnswerer;
import io.modelmap.scorer.scoring.TextLogLikelihood;
import io.modelmap.scorer.scoring.TextScorer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code score-tasks}, scores each task's texts (or answers its multiple-choice items) with
 * its model, loaded once per model id, and publishes {@code text-scores} (or {@code mc-answers}); offsets are committed only after the scores are acknowledged,
 * so a worker that dies loses nothing (a re-scored task is deduplicated by the aggregator).
 */
public final class ScorerWorker implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScorerWorker.class);
  private static final Duration REGISTRY_BACKOFF = Duration.ofSeconds(5);

  private final KafkaConnection connection;
  private final ScorerConfig config;
  private final Topics topics;
  private final Clock clock;
  private final AtomicBoolean running = new AtomicBoolean(true);
  /** False once the task loop has ended, whether closed or died: what /health reports (with {@link #running}). */
  private volatile boolean looping = true;
  private final KafkaConsumer<String, byte[]> consumer;
  private final ReferenceData reference;
  private final PublishedWork published;
  private String loadedModel;
  private CausalLm model;
  private HuggingFaceTokenizer tokenizer;
  private long textsScored;

  private final ScorerMetrics metrics;
  private final HubCheckpoints hub;
  private Device device;
  private int batchSize;

  public ScorerWorker(KafkaConnection connection, ScorerConfig config, Clock clock) {
    this(connection, config, clock, new ScorerMetrics());
  }

  /** A worker recording into {@code metrics} (served by the caller, for example on /metrics). */
  public ScorerWorker(KafkaConnection connection, ScorerConfig config, Clock clock, ScorerMetrics metrics) {
    this(connection, config, clock, metrics, HubCheckpoints.fromEnvironment(config.maxModelBytes()));
  }

  /** A worker that fetches {@code hf://} sources through {@code hub}. */
  public ScorerWorker(KafkaConnection connection, ScorerConfig config, Clock clock, ScorerMetrics metrics,
      HubCheckpoints hub) {
    this.connection = connection;
    this.hub = hub;
    this.config = config;
    this.topics = connection.topics();
    this.clock = clock;
    this.reference = new ReferenceData(connection);
    this.published = new PublishedWork(connection);
    Properties props = connection.consumerProperties(); // a setting the user gave wins over the defaults below
    props.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false); // offsets are committed once the scores are acked
    props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 4);
    props.putIfAbsent(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofMinutes(30).toMillis());
    // a crashed worker's tasks move to the others within 10 s, not 45: heartbeats run on their own thread,
    // and a rebalance caused by a long pause costs at most the few tasks in flight, which are idempotent
    props.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(10).toMillis());
    props.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Duration.ofSeconds(3).toMillis());
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    this.metrics = metrics;
    metrics.bindConsumer(consumer);
  }

  /**
   * Runs the task loop until {@link #close()}. Whatever ends it otherwise is logged and rethrown, and
   * the worker reports itself unhealthy ({@link #isHealthy()}) rather than sit idle behind a 200.
   */
  @Override
  public void run() {
    try {
      loop();
    } catch (Throwable e) {
      if (running.get()) {
        LOG.error("The scorer's task loop stopped; no more tasks are scored by this worker: {}", e.toString());
        LOG.debug("Task loop failure", e);
      }
      throw e;
    } finally {
      looping = false;
    }
  }

  private void loop() {
    device = DeviceChoice.resolve(config.device());
    batchSize = config.batchSize() > 0 ? config.batchSize() : DeviceChoice.defaultBatchSize(device);
    LOG.info("Scoring on {}, {} windows per forward pass", device, batchSize);
    try (Publisher publisher = new Publisher(connection); NDManager manager = NDManager.newBaseManager(device)) {
      consumer.subscribe(List.of(topics.scoreTasks().name()));
      while (running.get()) {
        var records = consumer.poll(Duration.ofMillis(500));
        BatchProgress progress = new BatchProgress(records);
        try {
          for (ConsumerRecord<String, byte[]> record : records) {
            handle(record, publisher, manager);
            progress.finished(record);
          }
        } catch (RuntimeException e) {
          if (!RegistryUnavailableException.isCauseOf(e)) {
            throw e;
          }
          // an outage, not a bad task: keep what is finished, read the rest again after a pause
          LOG.warn("Schema registry unavailable ({}); reading the remaining tasks again in {} s", e.getMessage(),
              REGISTRY_BACKOFF.toSeconds());
          progress.rewind(consumer);
          publisher.flush();
          consumer.commitSync(progress.committable());
          pause(REGISTRY_BACKOFF);
          continue;
        }
        if (!records.isEmpty()) {
          publisher.flush();
          consumer.commitSync();
        }
      }
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } finally {
      unloadModel();
      consumer.close();
      reference.close();
      published.close();
    }
  }

  private void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.set(false);
    }
  }

  private void handle(ConsumerRecord<String, byte[]> record, Publisher publisher, NDManager manager) {
    ScoreTask task;
    try {
      task = topics.scoreTasks().valueSerde().deserializer().deserialize(record.topic(), record.value());
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) { // whatever the bytes make the decoder throw, they are a bad task, not a dead worker
      if (RegistryUnavailableException.isCauseOf(e)) {
        throw e;
      }
      deadLetter(record, publisher, UNDECODABLE.code(), e.getClass().getSimpleName() + ": " + e.getMessage());
      return;
    }
    var invalid = ScoreTaskIds.problem(task);
    if (invalid.isPresent()) {
      deadLetter(record, publisher, INVALID_ID.code(), "task " + task.getTaskId() + ": " + invalid.get());
      return;
    }
    ScoreTask whole = task;
    task = remaining(whole);
    int skipped = PublishedWork.size(whole) - PublishedWork.size(task);
    if (skipped > 0) {
      metrics.skipped(skipped);
      LOG.info("Task {}: {} of {} already have their results published; {}", whole.getTaskId(), skipped,
          PublishedWork.size(whole), PublishedWork.size(task) == 0 ? "nothing to do" : "doing the rest");
    }
    if (PublishedWork.size(task) == 0) {
      return; // never loads the model for work that is done
    }
    metrics.working((task.getGeneration() != null ? "writing responses of "
        : task.getBenchmarkId() != null ? "answering items of " : "scoring texts of ") + task.getModelId());
    try {
      long started = clock.millis();
      TextScorer scorer = new TextScorer(model(task), tokenizer, batchSize, manager, metrics::batch);
      int done = task.getGeneration() != null ? generate(task, publisher, manager, started)
          : task.getBenchmarkId() != null ? answerItems(task, scorer, publisher, started)
          : scoreTexts(task, scorer, publisher, started);
      published.published(task);
      textsScored += done;
      LOG.info("Finished task {} ({} {}, {} ms); {} so far", task.getTaskId(), done,
          task.getGeneration() != null ? "responses" : task.getBenchmarkId() != null ? "items" : "texts",
          clock.millis() - started, textsScored);
    } catch (ModelSourceRefused e) {
      metrics.failed();
      deadLetter(record, publisher, SOURCE_REFUSED.code(), "task " + task.getTaskId() + " of model " + task.getModelId()
          + ": " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      if (RegistryUnavailableException.isCauseOf(e)) {
        throw e instanceof RuntimeException runtime ? runtime : new RegistryUnavailableException(e.getMessage(), e);
      }
      metrics.failed();
      retryOrDeadLetter(record, task, publisher, e);
    } catch (OutOfMemoryError | StackOverflowError | LinkageError e) {
      // the task, not the worker, failed: free the model and count the attempt like any other failure
      metrics.failed();
      unloadModel();
      retryOrDeadLetter(record, task, publisher, new IllegalStateException(e.toString(), e));
    } finally {
      metrics.idle();
    }
  }

  /**
   * {@code task} less what already has its results on the results topics. The check only saves work
   * (the aggregator keeps the first result of each anyway): when the topics cannot be read, the task is
   * done whole; a schema registry that cannot answer is an outage, read again as for any task.
   */
  private ScoreTask remaining(ScoreTask task) {
    try {
      return published.remaining(task);
    } catch (RuntimeException e) {
      if (RegistryUnavailableException.isCauseOf(e)) {
        throw e;
      }
      LOG.warn("Cannot read which results of task {} are published ({}); doing it whole", task.getTaskId(),
          e.getMessage());
      return task;
    }
  }

  /**
   * A failed task goes back to the end of score-tasks with its attempt counted, so it never blocks
   * other models' tasks; after {@code maxAttempts} it goes to score-tasks-dlq with the reason.
   */
  private void retryOrDeadLetter(ConsumerRecord<String, byte[]> record, ScoreTask task, Publisher publisher,
      Exception e) {
    String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
    LOG.debug("Task failure", e);
    if (task.getAttempt() + 1 < config.maxAttempts()) {
      LOG.warn("Task {} of model {} failed (attempt {} of {}), queued again: {}", task.getTaskId(), task.getModelId(),
          task.getAttempt() + 1, config.maxAttempts(), reason);
      ScoreTask again = ScoreTask.newBuilder(task).setAttempt(task.getAttempt() + 1).build();
      publisher.send(topics.scoreTasks(), task.getModelId(), again);
    } else {
      deadLetter(record, publisher, FAILED_AFTER_RETRIES.code(), "task " + task.getTaskId() + " of model "
          + task.getModelId() + " failed " + config.maxAttempts() + " times; last error " + reason);
    }
  }

  private void deadLetter(ConsumerRecord<String, byte[]> record, Publisher publisher, String rule, String message) {
    LOG.warn("Dead-lettering score task at {}-{} offset {}: {} ({})", record.topic(), record.partition(),
        record.offset(), message, rule);
    publisher.send(topics.deadLetters(record.topic()), record.key(), DeadLetterRecords.of(record.key(), record.value(),
        record.topic(), record.partition(), record.offset(), rule, message, clock.millis()));
  }

  private int scoreTexts(ScoreTask task, TextScorer scorer, Publisher publisher, long started) throws IOException {
    List<TextLogLikelihood> scores = scorer.score(reference.texts(task.getCorpusId(), task.getTextIds()));
    List<TextScore> entries = new ArrayList<>();
    for (int i = 0; i < scores.size(); i++) {
      TextLogLikelihood s = scores.get(i);
      entries.add(TextScore.newBuilder().setTextId(task.getTextIds().get(i)).setLogLikelihood(s.logLikelihood())
          .setTokensScored(s.tokensScored()).setWindowed(s.windowed()).build());
    }
    publisher.send(topics.textScores(), task.getModelId(), TextScores.newBuilder().setModelId(task.getModelId())
        .setCorpusId(task.getCorpusId()).setTaskId(task.getTaskId()).setScores(entries)
        .setWorkerId(config.workerId()).setStartedAtMs(started).setFinishedAtMs(clock.millis()).build());
    metrics.scored(entries.size(), scores.stream().mapToLong(TextLogLikelihood::tokensScored).sum(),
        Duration.ofMillis(clock.millis() - started));
    return entries.size();
  }

  private int answerItems(ScoreTask task, TextScorer scorer, Publisher publisher, long started) throws IOException {
    String benchmark = task.getBenchmarkId().toString();
    var answers = new ChoiceAnswerer(scorer).answer(reference.items(benchmark, task.getItemIds()));
    publisher.send(topics.mcAnswers(), task.getModelId(), McAnswers.newBuilder().setModelId(task.getModelId())
        .setBenchmarkId(benchmark).setTaskId(task.getTaskId()).setAnswers(answers)
        .setWorkerId(config.workerId()).build());
    metrics.answered(answers.size(), Duration.ofMillis(clock.millis() - started));
    return answers.size();
  }

  /** Responses to the task's prompts (KV-cached generation), published on model-responses. */
  private int generate(ScoreTask task, Publisher publisher, NDManager manager, long started) throws IOException {
    if (!(model instanceof IncrementalLm incremental)) {
      throw new IOException("model " + task.getModelId() + " cannot generate: cached generation is implemented for"
          + " GPT-2 checkpoints");
    }
    GenerationSpec spec = task.getGeneration();
    GenerationSettings settings = new GenerationSettings(spec.getMaxNewTokens(),
        spec.getStops().stream().map(CharSequence::toString).toList(), spec.getTemperature(), spec.getSeed(), batchSize);
    List<Generator.Prompt> prompts = task.getPrompts().stream()
        .map(p -> new Generator.Prompt(p.getPromptId().toString(), p.getText().toString())).toList();
    List<String> responses = new Generator(incremental, tokenizer, manager, settings).generate(prompts);
    List<PromptResponse> entries = new ArrayList<>();
    for (int i = 0; i < prompts.size(); i++) {
      entries.add(PromptResponse.newBuilder().setPromptId(prompts.get(i).id()).setResponse(responses.get(i)).build());
    }
    publisher.send(topics.modelResponses(), task.getModelId(), ModelResponses.newBuilder()
        .setModelId(task.getModelId()).setResponses(entries).setSource("generated").setRecordedAtMs(clock.millis())
        .build());
    metrics.answered(entries.size(), Duration.ofMillis(clock.millis() - started));
    return entries.size();
  }

  /** The checked folder of a model source: a {@code file:} one under the roots, an {@code hf://} one from the Hub. */
  Path modelFolder(String source, String revision) throws IOException {
    return HubSourceUri.isHub(source) ? hub.fetch(source, revision, config.maxModelBytes(), metrics)
        : ModelSources.resolve(source, config.modelRoots(), config.torchScriptRoots(), config.maxModelBytes());
  }

  private CausalLm model(ScoreTask task) throws IOException {
    String dtype = task.getDtype().toString();
    String wanted = task.getModelId() + "@" + dtype;
    if (!wanted.equals(loadedModel)) {
      unloadModel();
      if (!CausalLmLoader.DTYPES.contains(dtype)) {
        throw new ModelSourceRefused("dtype '" + dtype + "' is not supported; register the model with one of "
            + CausalLmLoader.DTYPES);
      }
      Path dir = modelFolder(task.getSourceUri().toString(), task.getRevision());
      // a model_type the loader does not implement is refused at once: no attempt would differ
      CheckpointCheck.unsupportedType(dir).ifPresent(problem -> {
        throw new ModelSourceRefused(problem);
      });
      long started = clock.millis();
      CausalLm loaded = CausalLmLoader.load(dir, device, dtype);
      if (dtype.equals("float16")) { // an overflow is rescored in float32, never published
        Device on = device;
        loaded = new Float16Fallback(loaded, () -> CausalLmLoader.load(dir, on, "float32"), metrics::float16Rescored);
      }
      try {
        tokenizer = HuggingFaceTokenizer.newInstance(dir.resolve("tokenizer.json"),
            Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
      } catch (IOException | RuntimeException e) {
        loaded.close(); // a model without its tokenizer is never kept: the next task starts clean
        throw new IOException("cannot load " + dir.resolve("tokenizer.json") + ": " + e.getMessage(), e);
      }
      model = loaded;
      loadedModel = wanted;
      metrics.modelLoaded(Duration.ofMillis(clock.millis() - started));
      LOG.info("Loaded model {} ({}) from {} in {} ms: {}", task.getModelId(), dtype, dir, clock.millis() - started,
          CheckpointCheck.summary(dir));
    }
    return model;
  }

  /** Frees the loaded model and tokenizer, whichever of them exists; never throws for a half-loaded model. */
  private void unloadModel() {
    loadedModel = null;
    try {
      if (model != null) {
        model.close();
      }
    } finally {
      model = null;
      if (tokenizer != null) {
        tokenizer.close();
        tokenizer = null;
      }
    }
  }

  /** Whether the worker is still consuming (false once closed). */
  public boolean isRunning() {
    return running.get();
  }

  /** Whether the task loop is alive and not closed: false once it died, whatever killed it. */
  public boolean isHealthy() {
    return running.get() && looping;
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
  }
}
