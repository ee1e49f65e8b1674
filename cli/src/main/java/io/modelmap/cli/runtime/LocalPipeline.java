package io.modelmap.cli.runtime;

import io.modelmap.cli.terminal.Plural;
import io.modelmap.producer.benchmark.BenchmarkPublisher;
import io.modelmap.producer.corpus.CorpusText;
import io.modelmap.producer.fanout.ModelOnboarding;
import io.modelmap.producer.fanout.TaskFanout;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.Publisher;
import io.modelmap.schemas.avro.GenerationSpec;
import io.modelmap.schemas.avro.McItem;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.PromptText;
import io.modelmap.schemas.key.CompositeKey;
import io.modelmap.scorer.worker.HubCheckpoints;
import io.modelmap.scorer.worker.ScorerConfig;
import io.modelmap.scorer.worker.ScorerMetrics;
import io.modelmap.scorer.worker.ScorerWorker;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;

/**
 * Local checkpoints mapped on the embedded default: publish the corpus and benchmarks, register every
 * model, score them with one in-process scorer worker, wait for the aggregator's results. What
 * {@code demo} and {@code map} share; against a cluster the same steps are {@code corpus},
 * {@code import-items}, {@code register} and {@code scorer}.
 */
public final class LocalPipeline implements AutoCloseable {
  /**
   * A checkpoint folder to map, under its model id; {@code sourceUri} and {@code revision} are what
   * model-registered carries ({@code hf://org/name} and its commit for a Hub model).
   */
  public record LocalModel(String id, Path dir, String family, String type, String sourceUri, String revision) {
    /** A local folder: its source is the folder itself, its revision unknown. */
    public LocalModel(String id, Path dir, String family, String type) {
      this(id, dir, family, type, "file:" + dir.toAbsolutePath(), null);
    }
  }

  private final KafkaConnection connection;
  private final PrintStream out;
  private final Clock clock;
  private final Map<String, List<String>> itemIds = new LinkedHashMap<>();
  private final Map<String, Integer> expectedTexts = new LinkedHashMap<>();
  private final Map<String, Long> expectedAnswers = new LinkedHashMap<>();
  private List<PromptText> prompts = List.of();
  private GenerationSpec generation;
  private ScorerMetrics metrics;
  private ScorerWorker worker;
  private Thread scorer;
  private java.util.function.BooleanSupplier aggregatorRunning = () -> true;
  private final Map<String, java.util.function.BooleanSupplier> otherParts = new LinkedHashMap<>();

  public LocalPipeline(KafkaConnection connection, PrintStream out, Clock clock) {
    this.connection = connection;
    this.out = out;
    this.clock = clock;
  }

  public void publishCorpus(String corpusId, List<CorpusText> corpus) {
    new CorpusPublication(connection, out).publish(corpusId, corpus);
  }

  /** Publishes one benchmark's items; models registered afterwards answer them. */
  public void publishBenchmark(String benchmarkId, List<McItem> items) {
    try (Publisher publisher = new Publisher(connection)) {
      new BenchmarkPublisher(publisher, connection.topics()).publishItems(items);
    }
    itemIds.put(benchmarkId, items.stream().map(McItem::getItemId).toList());
    out.println("Published benchmark '" + benchmarkId + "': " + items.size() + " multiple-choice items");
  }

  /** Models registered afterwards also answer these prompts (generation tasks), generated as {@code spec} says. */
  public void usePrompts(List<PromptText> prompts, GenerationSpec spec) {
    this.prompts = List.copyOf(prompts);
    this.generation = spec;
  }

  /** Registers every model on the corpus (and every published benchmark) and fans it out into score tasks. */
  public void register(List<LocalModel> models, String corpusId, List<CorpusText> corpus, String dtype) {
    List<String> textIds = corpus.stream().map(CorpusText::textId).toList();
    try (Publisher publisher = new Publisher(connection)) {
      ModelOnboarding onboarding = new ModelOnboarding(publisher, connection.topics(), new TaskFanout(20));
      for (LocalModel model : models) {
        onboarding.onboard(ModelRegistered.newBuilder().setModelId(model.id())
            .setSourceUri(model.sourceUri()).setRevision(model.revision()).setDtype(dtype).setFamily(model.family())
            .setModelType(model.type()).setCorpusId(corpusId).setBenchmarks(List.copyOf(itemIds.keySet()))
            .setRegisteredAtMs(clock.millis()).build(), textIds, itemIds, prompts, generation);
        expectedTexts.put(model.id(), corpus.size());
        expectedAnswers.put(model.id(), itemIds.values().stream().mapToLong(List::size).sum());
      }
      publisher.flush();
    }
    out.println("Registered " + Plural.of(models.size(), "model") + " and fanned them out into score tasks");
  }

  /** Starts one scorer worker in this process, loading models from under {@code roots}. */
  public void startScorer(List<Path> roots, String device, int batchSize) {
    startScorer(roots, device, batchSize,
        HubCheckpoints.fromEnvironment(ScorerConfig.DEFAULT_MAX_MODEL_BYTES));
  }

  /** Starts one scorer worker in this process: models from under {@code roots}, {@code hf://} ones through {@code hub}. */
  public void startScorer(List<Path> roots, String device, int batchSize, HubCheckpoints hub) {
    metrics = new ScorerMetrics();
    worker = new ScorerWorker(connection, new ScorerConfig("modelmap-scorer", "local-scorer", roots, batchSize, device,
        ScorerConfig.DEFAULT_MAX_ATTEMPTS, ScorerConfig.DEFAULT_MAX_MODEL_BYTES, List.of()), clock, metrics, hub);
    scorer = new Thread(worker, "scorer-worker");
    scorer.setUncaughtExceptionHandler((thread, e) -> { }); // the worker logged it; scorerRunning() reports it
    scorer.start();
    out.println("Scoring with one local worker (device " + device + ") ...");
  }

  /**
   * Models registered on the corpus by another part (the Hub watcher of {@code demo --watch}), each on all
   * {@code corpusSize} texts: {@link #awaitMap} waits for them too.
   */
  public void expect(List<String> modelIds, int corpusSize) {
    modelIds.forEach(id -> expectedTexts.put(id, corpusSize));
  }

  /** Makes {@link #awaitMap} fail at once when {@code part} (the demo's Hub watcher) stops. */
  public void watchPart(String part, java.util.function.BooleanSupplier running) {
    otherParts.put(part, running);
  }

  /** Makes the waits fail at once when the aggregator the results come from stops. */
  public void watchAggregator(java.util.function.BooleanSupplier running) {
    this.aggregatorRunning = running;
  }

  /** Whether the local scorer's task loop runs (true before it is started): false once it died. */
  public boolean scorerRunning() {
    return worker == null || worker.isHealthy();
  }

  /**
   * Waits until every registered model has its final neighbours, printing progress with tokens/s;
   * fails at once if the local scorer dies meanwhile. Returns the models the scorer refused (their
   * tasks dead-lettered), each with its reason.
   */
  public Map<String, String> awaitMap(int corpusSize, Duration timeout) throws TimeoutException, InterruptedException {
    ResultWaiter waiter = new ResultWaiter(connection, out, clock)
        .withLocalScorer(metrics::tokensScored, metrics::currentWork)
        .whileRunning("local scorer", this::scorerRunning).whileRunning("aggregator", aggregatorRunning);
    for (Map.Entry<String, java.util.function.BooleanSupplier> part : otherParts.entrySet()) {
      waiter = waiter.whileRunning(part.getKey(), part.getValue());
    }
    return waiter.await(expectedTexts, corpusSize, timeout);
  }

  /** Waits until every pair's agreement covers all its shared items (no-op without benchmarks). */
  public void awaitAgreement(Duration timeout) throws TimeoutException, InterruptedException {
    if (itemIds.isEmpty()) {
      return;
    }
    List<String> sorted = expectedAnswers.keySet().stream().sorted().toList();
    Map<String, Long> pairs = new TreeMap<>();
    for (int i = 0; i < sorted.size(); i++) {
      for (int j = i + 1; j < sorted.size(); j++) {
        pairs.put(CompositeKey.of(sorted.get(i), sorted.get(j)), expectedAnswers.get(sorted.get(i)));
      }
    }
    new AgreementWaiter(connection, out, clock).await(pairs, expectedAnswers, timeout);
  }

  /** Waits until every pair's response similarity covers every prompt (no-op without prompts). */
  public void awaitResponses(Duration timeout) throws TimeoutException, InterruptedException {
    if (prompts.isEmpty()) {
      return;
    }
    List<String> sorted = expectedTexts.keySet().stream().sorted().toList();
    Map<String, Long> pairs = new TreeMap<>();
    for (int i = 0; i < sorted.size(); i++) {
      for (int j = i + 1; j < sorted.size(); j++) {
        pairs.put(CompositeKey.of(sorted.get(i), sorted.get(j)), (long) prompts.size());
      }
    }
    new ResponseWaiter(connection, out, clock).await(pairs, timeout);
  }

  public boolean hasPrompts() {
    return !prompts.isEmpty();
  }

  public boolean hasBenchmarks() {
    return !itemIds.isEmpty();
  }

  @Override
  public void close() throws InterruptedException {
    if (worker != null) {
      worker.close();
      scorer.join();
      metrics.close();
    }
  }
}
