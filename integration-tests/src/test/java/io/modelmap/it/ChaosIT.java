package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.cli.ModelMapCli;
import io.modelmap.cli.transfer.AgreementExporter;
import io.modelmap.cli.transfer.MapExporter;
import io.modelmap.cli.transfer.ResponseExporter;
import io.modelmap.math.BatchReference;
import io.modelmap.math.predict.RidgeCrossValidation;
import io.modelmap.formats.benchmark.AnswerTable;
import io.modelmap.formats.benchmark.AnswerTableReader;
import io.modelmap.producer.benchmark.BenchmarkPublisher;
import io.modelmap.formats.benchmark.ItemFiles;
import io.modelmap.producer.corpus.CorpusBuilder;
import io.modelmap.producer.corpus.CorpusPublisher;
import io.modelmap.producer.corpus.CorpusSpec;
import io.modelmap.producer.corpus.CorpusText;
import io.modelmap.producer.corpus.DemoCorpus;
import io.modelmap.formats.csv.CsvFiles;
import io.modelmap.producer.fanout.ModelOnboarding;
import io.modelmap.producer.fanout.TaskFanout;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.Publisher;
import io.modelmap.kafka.TopicReader;
import io.modelmap.producer.registration.ModelRegistrar;
import io.modelmap.formats.responses.ResponseFiles;
import io.modelmap.producer.responses.ResponsePublisher;
import io.modelmap.schemas.avro.BenchmarkRegistered;
import io.modelmap.schemas.avro.BenchmarkScore;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.ErrorAgreement;
import io.modelmap.schemas.avro.McAnswer;
import io.modelmap.schemas.avro.McAnswers;
import io.modelmap.schemas.avro.McItem;
import io.modelmap.schemas.avro.ModelAccuracy;
import io.modelmap.schemas.avro.ModelAnalytics;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.ModelEmbedding;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.ModelResponses;
import io.modelmap.schemas.avro.NeighborEntry;
import io.modelmap.schemas.avro.NeighborList;
import io.modelmap.schemas.avro.PredictionQuality;
import io.modelmap.schemas.avro.PromptResponse;
import io.modelmap.schemas.avro.ResponseSimilarity;
import io.modelmap.schemas.avro.ScorePredictions;
import io.modelmap.schemas.avro.ScoreTask;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.avro.TextScore;
import io.modelmap.schemas.avro.TextScores;
import io.modelmap.schemas.key.CompositeKey;
import io.modelmap.schemas.registry.EmbeddedSchemaRegistry;
import io.modelmap.schemas.serde.SubjectNaming;
import io.modelmap.schemas.topic.TopicNames;
import io.modelmap.schemas.topic.TopicProvisioner;
import io.modelmap.scorer.demo.DemoModels;
import io.modelmap.testsupport.records.BadRecords;
import io.modelmap.testsupport.records.LengthBombs;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Randomized faults while models are scored and while answers, benchmark scores and responses flow in.
 * The broker, scorer workers and the aggregator each run in their own JVM. Eight process faults per seed,
 * at random points once scoring has started: the broker killed with SIGKILL and started again on its
 * folder (every seed), a bad record on a view topic, then the aggregator killed with SIGKILL before it is
 * restarted on its state (every seed), workers or the aggregator killed with SIGKILL and restarted, the
 * schema registry down for 5-30 s (at most once), a model whose weights file links out of the model root
 * registered (at most once). Meanwhile, every seed publishes bad records on all 20 topics (the 19 of
 * {@link TopicNames} and {@code score-tasks-dlq}, which the aggregator reads as a view): on each, one that
 * is not a record (not Avro, or an unknown schema id) and one length bomb (valid framing and schema id,
 * the first array claiming 2,147,483,639 entries), on keys that later get a valid record; and valid Avro
 * with wrong content: registrations with an empty and a 10,240-character id, a full row of scores for a
 * model nobody registered (before the corpus; parked until the aggregator's {@link #PENDING_TIMEOUT}), a
 * benchmark score of 1e300, a text whose byte length is not its content's. It also publishes
 * scores that repeat a (model, text) with a different value, before and after the worker's score,
 * answers and responses that repeat an earlier one, identically or not.
 *
 * <p>At the end: every good model is complete; L is, text by text, the first score on {@code text-scores}
 * (where the repeats differ, so first, last and any are told apart), with the published counts and
 * means; neighbours and Q equal the batch reference (≤ 1e-9 relative) and the unregistered model is in no
 * frame or neighbour list and never complete; error agreement equals DESIGN §3 on the first answers, the
 * ridge predictions the §5 protocol on the batch distances, response similarity the offline comparison
 * line for line, and every answering model has an embedding; every bad record is in its dead-letter topic
 * (exactly once from the aggregator, at least once from a worker, none for a broken dead letter), with the
 * rule that refused it (the unregistered model's scores once the park timeout has passed, never before);
 * the linked model's tasks were all refused; {@code /health} answers 200. Last, with the system
 * quiet, repeats of known scores, answers and responses move the aggregator's duplicate and conflict
 * counters (read from {@code /metrics}) by exactly their number, and nothing else moves.
 *
 * <p>CI runs the seeds in {@code chaos.seeds} (seed 101 by default: one seed takes about 4.5 minutes of CI's 20-minute
 * budget on 2 cores); {@code ./mvnw -Pchaos verify} runs 20.
 * Every run prints its seed and actions; {@code -Dchaos.seeds=SEED -Dit.test=ChaosIT} replays one, and
 * {@code -Dchaos.logs=FOLDER} keeps the children's logs.
 */
class ChaosIT {
  private static final List<String> MODELS = List.of("modelmap-demo/tiny-a", "modelmap-demo/tiny-a-copy",
      "modelmap-demo/tiny-b", "modelmap-demo/tiny-ab-mix-50");
  /** Their families as DemoModels writes them: prediction folds are grouped by family. */
  private static final Map<String, String> FAMILIES = Map.of(MODELS.get(0), "a", MODELS.get(1), "a", MODELS.get(2), "b",
      MODELS.get(3), "a+b");
  private static final String CORPUS = "chaos";
  private static final String LINKED = "acme/linked-weights";
  private static final String UNREGISTERED = "acme/never-registered";
  /**
   * The aggregator's park timeout (--pending-timeout): a seed that runs longer sees the unregistered model's
   * scores dead-lettered. Not shorter: the early answers wait for the late items (step 3) while scorers start
   * and the registry may be down for 30 s.
   */
  private static final Duration PENDING_TIMEOUT = Duration.ofMinutes(2);
  private static final int TEXTS = 24;
  private static final int TASK_SIZE = 4;
  private static final int MAX_FAULTS = 8;
  /** Process faults every seed runs once, at random points among its {@link #MAX_FAULTS}. */
  private static final List<String> MANDATORY = List.of("broker-kill", "poisoned-view");
  /** Benchmarks scored for the corpus's four models: too few families for the §5 protocol, which is not attempted. */
  private static final List<String> BENCHMARKS = List.of("chaos-arc", "chaos-piqa");
  /**
   * A second corpus, imported: the first {@link #PC_MODELS} models of the perplexity-correlations data (L of
   * 263 documents, organisations as families, ARC-Easy and PIQA accuracy), its rows published during the faults.
   */
  private static final String PC = "chaos-pc";
  private static final Path PC_DATA = Path.of("../math/src/test/resources/data/perplexity-correlations");
  private static final List<String> PC_BENCHMARKS = List.of("arc_easy", "piqa");
  private static final int PC_MODELS = 24;
  private static final int PREDICTION_FOLDS = 5;
  private static final String MMLU = "mmlu-pro";
  private static final Path MMLU_DATA = Path.of("../aggregator/src/test/resources/data/mmlu-pro-400");
  private static final Path RESPONSES =
      Path.of("../aggregator/src/test/resources/data/mmlu-pro-responses-25/responses.jsonl.gz");
  private static final int ITEMS = 100;
  private static final int EARLY_ITEMS = 60;
  private static final int ANSWER_MODELS = 10;
  private static final int EARLY_ANSWER_MODELS = 5;
  /** Steps of the flows during the faults: bad records in 1-3, late items in 3, benchmarks and late answers from 4. */
  private static final int FLOW_STEPS = 8;
  private static final int RESPONSE_MODELS_PER_STEP = 3;
  /**
   * Scores published before the worker's (they count: a worker reads what is done before it scores, so it
   * usually leaves those texts alone, and when it started first its own score is the conflict) and after
   * it (they conflict).
   */
  private static final int CONFLICTS_BEFORE = 2;
  private static final int CONFLICTS_AFTER = 4;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final AtomicInteger PASSED = new AtomicInteger();
  private static final AtomicInteger RUN = new AtomicInteger();
  private static final Map<String, AtomicInteger> FAULTS_RUN = Collections.synchronizedMap(new TreeMap<>());
  private static final Map<String, AtomicInteger> BAD_BY_KIND = Collections.synchronizedMap(new TreeMap<>());
  private static final Map<String, AtomicInteger> BAD_BY_TOPIC = Collections.synchronizedMap(new TreeMap<>());
  private static final Map<String, AtomicLong> REPEATS = Collections.synchronizedMap(new TreeMap<>());

  @TempDir
  Path dir;
  /** The children's logs: under {@code -Dchaos.logs=FOLDER} when given (kept for a replay), else in the temp folder. */
  private Path logs;
  private KafkaConnection connection;
  private TopicReader reader;
  private int apiPort;
  private Path modelRoot;
  private final List<ChildJvm> children = new ArrayList<>();
  /** Every bad record published this seed. */
  private final List<Bad> bad = new ArrayList<>();
  /** When the unregistered model's first scores were published (System.nanoTime), or -1. */
  private long unregisteredPublishedNanos = -1;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static Stream<Long> seeds() {
    return Arrays.stream(System.getProperty("chaos.seeds", "101").split(",")).map(String::trim).map(Long::parseLong);
  }

  @AfterAll
  static void summary() {
    System.out.printf("chaos: %d of %d seeds passed; faults injected: %s%n", PASSED.get(), RUN.get(), FAULTS_RUN);
    System.out.printf("chaos: bad records by kind: %s%n", BAD_BY_KIND);
    System.out.printf("chaos: bad records by topic (%d topics): %s%n", BAD_BY_TOPIC.size(), BAD_BY_TOPIC);
    System.out.printf("chaos: repeats: %s%n", REPEATS);
    if (PASSED.get() == 0) {
      return;
    }
    int passed = PASSED.get();
    for (String kind : MANDATORY) {
      assertThat(count(FAULTS_RUN, kind)).as("%s in every passed seed", kind).isGreaterThanOrEqualTo(passed);
    }
    assertThat(BAD_BY_TOPIC).as("bad records on all 20 topics").hasSize(20);
    BAD_BY_TOPIC.forEach((topic, n) -> assertThat(n.get()).as("bad records on %s", topic).isGreaterThanOrEqualTo(2 * passed));
    for (String kind : List.of("not-a-record", "length-bomb", "invalid-id", "unregistered-model", "implausible-score",
        "byte-length-mismatch", "poisoned-view")) {
      assertThat(count(BAD_BY_KIND, kind)).as("bad records of kind %s", kind).isGreaterThanOrEqualTo(passed);
    }
    assertThat(REPEATS.get("scores conflicting").get()).as("conflicting scores")
        .isGreaterThanOrEqualTo((long) CONFLICTS_AFTER * passed);
  }

  private static int count(Map<String, AtomicInteger> counts, String key) {
    AtomicInteger n = counts.get(key);
    return n == null ? 0 : n.get();
  }

  private static void tally(Map<String, AtomicInteger> counts, String key) {
    counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
  }

  private static void tally(String key, long n) {
    REPEATS.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(n);
  }

  /** A record no service may count as what it claims: where it went, its bytes, what it is, the dead letter it must become. */
  private record Bad(String topic, String key, byte[] bytes, String kind, String errorClass) {}

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void resultsEqualTheBatchReferenceWhateverIsKilled(long seed) throws Exception {
    RUN.incrementAndGet();
    boolean passed = false;
    System.out.println("chaos: seed " + seed);
    Random random = new Random(seed);
    String keptLogs = System.getProperty("chaos.logs");
    logs = keptLogs == null ? dir.resolve("logs") : Path.of(keptLogs, "seed-" + seed);
    modelRoot = dir.resolve("models");
    Map<String, Path> written = new HashMap<>();
    DemoModels.write(modelRoot).forEach(m -> written.put(m.id(), m.dir()));
    Path linked = linkedWeights(modelRoot, written.get(MODELS.get(0)));
    Path kafka = dir.resolve("kafka");
    int brokerPort = freePort();
    int controllerPort = freePort();
    ChildJvm broker = startBroker(kafka, brokerPort, controllerPort);
    String bootstrap = "127.0.0.1:" + brokerPort;
    apiPort = freePort();
    EmbeddedSchemaRegistry registry = null;
    try {
      try (Admin admin = admin(bootstrap)) {
        new TopicProvisioner(admin).createMissing(TopicNames.defaults(), 2, (short) 1);
      }
      registry = EmbeddedSchemaRegistry.start(bootstrap, "_schemas", 0);
      int registryPort = URI.create(registry.url()).getPort();
      connection = KafkaConnection.of(bootstrap, registry.url());
      reader = new TopicReader(connection);
      List<CorpusText> corpus = new CorpusBuilder(new CorpusSpec(1024, 256, TEXTS, 3)).build(DemoCorpus.documents(6, 5));
      List<String> textIds = corpus.stream().map(CorpusText::textId).toList();
      Flows flows = new Flows(dir, random);
      Map<Integer, List<Bad>> plan = planBadRecords(random, textIds, flows);
      publishBad(plan.get(0)); // before the valid records of their keys
      try (Publisher publisher = new Publisher(connection)) {
        new CorpusPublisher(publisher, connection.topics().corpusTexts()).publish(CORPUS, corpus);
        for (String model : MODELS) {
          onboard(publisher, model, written.get(model), textIds);
        }
        publisher.flush();
      }
      Conflicts conflicts = new Conflicts(random);
      conflicts.publishBefore(textIds); // before any worker started: these count, the worker's scores conflict
      flows.publishEarly();

      ChildJvm aggregator = aggregator();
      List<ChildJvm> scorers = new ArrayList<>(List.of(scorer(), scorer()));
      long started = System.nanoTime();
      boolean linkedRegistered = false;
      boolean registryWasDown = false;
      double registryBackAt = -1;
      Set<String> mandatoryDone = new HashSet<>();
      int faults = 0;
      int faultsWhileScoring = 0;
      boolean scoringStarted = false;
      int step = 0;
      double lastProgress = 0;
      while (!(step >= FLOW_STEPS && conflicts.done() && allComplete())) {
        // a hang guard, not a speed target: on a loaded 2-core runner each restarted scorer spends 10-40 s
        // starting PyTorch, so a seed takes 60-300 s
        assertThat(seconds(started)).as("seed %d: models complete within 10 minutes", seed).isLessThan(600);
        int pause = 2000 + random.nextInt(3000);
        // until the first fault, look often: on a fast runner the 96 texts are scored within one long pause
        Thread.sleep(faults == 0 ? 250 : pause);
        if (registryBackAt >= 0 && seconds(started) >= registryBackAt) {
          System.out.printf("chaos: seed %d at %.1f s: schema registry back%n", seed, seconds(started));
          registry = EmbeddedSchemaRegistry.start(bootstrap, "_schemas", registryPort);
          registryBackAt = -1;
        }
        int counted = textsCounted();
        scoringStarted |= counted > 0;
        String at = String.format("chaos: seed %d at %.1f s (%d of %d texts counted): ", seed, seconds(started), counted,
            MODELS.size() * TEXTS);
        if (scoringStarted && registryBackAt < 0 && (step < FLOW_STEPS || !conflicts.done())) {
          step++; // answers, benchmark scores, responses and bad records flow while the faults happen
          System.out.println(at + flowStep(step, plan, flows, conflicts));
        }
        if (faults >= MAX_FAULTS || !scoringStarted) {
          if (seconds(started) - lastProgress >= 4) {
            lastProgress = seconds(started);
            System.out.printf("chaos: seed %d at %.1f s: texts scored %s%n", seed, lastProgress, progress());
          }
          continue; // faults start once scoring has; after MAX_FAULTS the system is left to finish
        }
        boolean registryUp = registryBackAt < 0;
        List<String> kinds = new ArrayList<>(List.of("scorer", "aggregator"));
        if (!registryWasDown) {
          kinds.add("registry");
        }
        if (!linkedRegistered && registryUp) {
          kinds.add("linked-model");
        }
        List<String> mandatoryLeft = MANDATORY.stream().filter(k -> !mandatoryDone.contains(k)).toList();
        List<String> mandatoryNow = mandatoryLeft.stream().filter(k -> registryUp || !k.equals("poisoned-view")).toList();
        if (MAX_FAULTS - faults <= mandatoryLeft.size()) {
          kinds = new ArrayList<>(mandatoryNow); // the last faults of the seed are those it must run
        } else {
          kinds.addAll(mandatoryNow);
        }
        if (kinds.isEmpty()) {
          continue; // the poisoned view needs the registry back
        }
        String kind = kinds.get(random.nextInt(kinds.size()));
        faults++;
        tally(FAULTS_RUN, kind);
        if (counted > 0 && counted < MODELS.size() * TEXTS) {
          faultsWhileScoring++;
        }
        switch (kind) {
          case "scorer" -> {
            int which = random.nextInt(scorers.size());
            System.out.println(at + "SIGKILL scorer " + which + ", start another");
            scorers.get(which).kill();
            scorers.set(which, scorer());
          }
          case "aggregator" -> {
            System.out.println(at + "SIGKILL the aggregator, restart it");
            aggregator.kill();
            aggregator = aggregator();
          }
          case "broker-kill" -> {
            System.out.println(at + "SIGKILL the broker, start it again on its folder");
            broker.kill();
            broker = startBroker(kafka, brokerPort, controllerPort);
            mandatoryDone.add(kind);
          }
          case "poisoned-view" -> {
            Bad poison = poison(random, flows);
            System.out.println(at + "bad record (" + poison.bytes().length + " bytes) on view " + poison.topic() + " key "
                + poison.key() + "; once dead-lettered, SIGKILL the aggregator and restart it on its state");
            publishBad(List.of(poison));
            awaitDeadLettered(poison);
            aggregator.kill();
            aggregator = aggregator();
            mandatoryDone.add(kind);
          }
          case "registry" -> {
            int downFor = 5 + random.nextInt(26);
            System.out.println(at + "schema registry down for " + downFor + " s");
            registry.close();
            registryBackAt = seconds(started) + downFor;
            registryWasDown = true;
          }
          default -> {
            System.out.println(at + "register " + LINKED + ", whose weights link out of the model root");
            try (Publisher publisher = new Publisher(connection)) {
              onboard(publisher, LINKED, linked, textIds);
            }
            linkedRegistered = true;
          }
        }
      }
      if (registryBackAt >= 0) {
        registry = EmbeddedSchemaRegistry.start(bootstrap, "_schemas", registryPort);
      }
      System.out.printf("chaos: seed %d: all models complete after %.1f s and %d faults, %d while scoring; %d bad"
          + " records%n", seed, seconds(started), faults, faultsWhileScoring, bad.size());
      assertThat(faultsWhileScoring).as("seed %d: a fault hit while models were being scored", seed).isPositive();
      assertThat(mandatoryDone).as("seed %d: faults every seed runs", seed).containsExactlyInAnyOrderElementsOf(MANDATORY);

      Path out = dir.resolve("out");
      // agreement, predictions, response similarity and embeddings follow the last inputs within seconds
      await("derived results equal their batch references").atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            Path attempt = Files.createDirectories(dir.resolve("results-" + System.nanoTime()));
            new MapExporter(connection).export(attempt, CORPUS);
            ExportedMap map = ExportedMap.read(attempt, MODELS);
            assertThat(map.models()).containsExactlyInAnyOrderElementsOf(MODELS);
            assertThat(CsvFiles.read(attempt.resolve("predictions.csv"))).as("ridge fits on %s: its families are too"
                + " few for grouped folds", CORPUS).noneMatch(r -> r.get("method").equals("ridge-q"));
            Path pc = Files.createDirectories(attempt.resolve(PC));
            new MapExporter(connection).export(pc, PC);
            assertPredictionsEqualTheProtocol(pc, flows);
            assertAgreementEqualsTheBatchDefinitions(attempt);
            assertResponseSimilarityEqualsTheOfflineComparison(attempt, flows);
            assertEveryAnsweringModelEmbedded(flows);
          });
      new MapExporter(connection).export(out, CORPUS);
      ExportedMap map = ExportedMap.read(out, MODELS);
      assertThat(map.models()).containsExactlyInAnyOrderElementsOf(MODELS);
      map.assertMatchesBatchReference(out, 10);
      assertEveryTextCountedOnce(seed, map);
      assertUnregisteredModelIsNoOnesNeighbour();
      assertDeadLettered();
      if (linkedRegistered) {
        assertAllTasksRefused();
      }
      assertServed(flows, linkedRegistered);
      assertRepeatsCountedAndNothingElseMoved(seed, flows);
      tally("answers conflicting (published)", flows.conflictingAnswers);
      bad.forEach(b -> {
        tally(BAD_BY_KIND, b.kind());
        tally(BAD_BY_TOPIC, b.topic());
      });
      PASSED.incrementAndGet();
      passed = true;
    } finally {
      children.forEach(ChildJvm::kill);
      if (registry != null) {
        registry.close();
      }
      if (!passed && keptLogs == null) {
        keepLogs(seed); // the temp folder goes with the test: a failed seed's logs stay for whoever looks
      }
    }
  }

  /** Copies a failed seed's logs to target/chaos-logs/seed-N. */
  private void keepLogs(long seed) {
    Path kept = Path.of("target", "chaos-logs", "seed-" + seed);
    try (Stream<Path> files = Files.exists(logs) ? Files.list(logs) : Stream.empty()) {
      Files.createDirectories(kept);
      for (Path file : files.toList()) {
        Files.copy(file, kept.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      System.out.println("chaos: seed " + seed + " failed; its children's logs are in " + kept.toAbsolutePath());
    } catch (IOException e) {
      System.out.println("chaos: seed " + seed + " failed; its logs could not be kept: " + e);
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // The bad records

  /** The 20 topics a service reads, with the schema of their values. */
  private static Map<String, Schema> valueSchemas(TopicNames n) {
    Map<String, Schema> schemas = new LinkedHashMap<>();
    schemas.put(n.modelRegistered(), ModelRegistered.getClassSchema());
    schemas.put(n.corpusTexts(), TextChunk.getClassSchema());
    schemas.put(n.mcItems(), McItem.getClassSchema());
    schemas.put(n.scoreTasks(), ScoreTask.getClassSchema());
    schemas.put(n.textScores(), TextScores.getClassSchema());
    schemas.put(n.mcAnswers(), McAnswers.getClassSchema());
    schemas.put(n.modelCoordinates(), ModelCoordinates.getClassSchema());
    schemas.put(n.coordinateFrame(), CoordinateFrame.getClassSchema());
    schemas.put(n.modelNeighbors(), NeighborList.getClassSchema());
    schemas.put(n.errorAgreement(), ErrorAgreement.getClassSchema());
    schemas.put(n.modelAccuracy(), ModelAccuracy.getClassSchema());
    schemas.put(n.benchmarkScores(), BenchmarkScore.getClassSchema());
    schemas.put(n.scorePredictions(), ScorePredictions.getClassSchema());
    schemas.put(n.predictionQuality(), PredictionQuality.getClassSchema());
    schemas.put(n.modelAnalytics(), ModelAnalytics.getClassSchema());
    schemas.put(n.benchmarkRegistered(), BenchmarkRegistered.getClassSchema());
    schemas.put(n.modelEmbeddings(), ModelEmbedding.getClassSchema());
    schemas.put(n.modelResponses(), ModelResponses.getClassSchema());
    schemas.put(n.responseSimilarity(), ResponseSimilarity.getClassSchema());
    schemas.put(TopicNames.deadLetter(n.scoreTasks()), DeadLetter.getClassSchema());
    return schemas;
  }

  /**
   * Bad records by the step that publishes them: in step 0 (before the valid data) those on texts,
   * registrations and tasks of the corpus and models to come, and the unregistered model's row; the others in flow steps 1-3, before the
   * flows publish, and the aggregator derives, the valid records of their keys.
   */
  private Map<Integer, List<Bad>> planBadRecords(Random random, List<String> textIds, Flows flows) {
    TopicNames n = connection.topics().names();
    Map<String, Schema> schemas = valueSchemas(n);
    assertThat(schemas).hasSize(20);
    List<String> lateAnswers = flows.answerModels.subList(EARLY_ANSWER_MODELS, ANSWER_MODELS);
    List<String> lateResponses = flows.responseModels.subList(flows.responseModels.size() - 4, flows.responseModels.size());
    Map<String, List<String>> keys = new HashMap<>(); // two per topic, each given a valid record later
    keys.put(n.corpusTexts(), List.of(CompositeKey.of(CORPUS, textIds.get(0)), CompositeKey.of(CORPUS, textIds.get(1))));
    keys.put(n.modelRegistered(), List.of(MODELS.get(0), MODELS.get(1)));
    keys.put(n.scoreTasks(), List.of(MODELS.get(2), MODELS.get(3)));
    keys.put(n.textScores(), List.of(MODELS.get(0), MODELS.get(3)));
    keys.put(n.mcItems(), List.of(CompositeKey.of(MMLU, flows.itemId(EARLY_ITEMS)),
        CompositeKey.of(MMLU, flows.itemId(ITEMS - 1))));
    keys.put(n.mcAnswers(), List.of(lateAnswers.get(0), lateAnswers.get(1)));
    keys.put(n.modelCoordinates(), List.of(MODELS.get(1), MODELS.get(2)));
    keys.put(n.coordinateFrame(), List.of(CORPUS, CORPUS));
    keys.put(n.modelNeighbors(), List.of(MODELS.get(0), MODELS.get(3)));
    keys.put(n.errorAgreement(), List.of(pairKey(lateAnswers.get(0), lateAnswers.get(1)),
        pairKey(flows.answerModels.get(0), lateAnswers.get(2))));
    keys.put(n.modelAccuracy(), List.of(lateAnswers.get(2), lateAnswers.get(3)));
    keys.put(n.benchmarkScores(), List.of(CompositeKey.of(MODELS.get(1), BENCHMARKS.get(0)),
        CompositeKey.of(MODELS.get(2), BENCHMARKS.get(1))));
    keys.put(n.scorePredictions(), List.of(MODELS.get(0), flows.pcModels.get(PC_MODELS - 1)));
    keys.put(n.predictionQuality(), List.of(CompositeKey.of(PC_BENCHMARKS.get(0), "ridge-q"),
        CompositeKey.of(PC_BENCHMARKS.get(1), "ridge-q")));
    keys.put(n.modelAnalytics(), List.of(CORPUS, PC));
    keys.put(n.benchmarkRegistered(), BENCHMARKS);
    keys.put(n.modelEmbeddings(), List.of(lateAnswers.get(3), lateAnswers.get(4)));
    keys.put(n.modelResponses(), List.of(lateResponses.get(0), lateResponses.get(1)));
    keys.put(n.responseSimilarity(), List.of(pairKey(lateResponses.get(0), lateResponses.get(1)),
        pairKey(lateResponses.get(2), lateResponses.get(3))));
    keys.put(TopicNames.deadLetter(n.scoreTasks()), List.of(LINKED, MODELS.get(1)));
    Set<String> early = Set.of(n.corpusTexts(), n.modelRegistered(), n.scoreTasks());
    Map<Integer, List<Bad>> plan = new HashMap<>();
    for (int s = 0; s <= 3; s++) {
      plan.put(s, new ArrayList<>());
    }
    plan.get(0).addAll(unregisteredRow(textIds)); // first, so that as many seeds as can outlast its park timeout
    List<Bad> later = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, Schema> topic : schemas.entrySet()) {
      String name = topic.getKey();
      // a broken dead letter is skipped, never dead-lettered again
      String undecodable = name.endsWith("-dlq") ? null : "undecodable";
      byte[] notARecord = random.nextBoolean() ? BadRecords.notAvro(name + " #" + i) : BadRecords.unknownSchemaId(i);
      int schemaId = connection.registryClient().register(SubjectNaming.subject(name, false), topic.getValue());
      List<Bad> both = List.of(new Bad(name, keys.get(name).get(0), notARecord, "not-a-record", undecodable),
          new Bad(name, keys.get(name).get(1), LengthBombs.of(schemaId, topic.getValue()), "length-bomb",
              undecodable));
      (early.contains(name) ? plan.get(0) : later).addAll(both);
      i++;
    }
    later.addAll(wrongContent(n, textIds));
    Collections.shuffle(later, random);
    for (int b = 0; b < later.size(); b++) {
      plan.get(1 + b % 3).add(later.get(b));
    }
    return plan;
  }

  /** Valid Avro with wrong content (issue 26, finding 3), each with the rule that must refuse it (null: accepted). */
  private List<Bad> wrongContent(TopicNames n, List<String> textIds) {
    var topics = connection.topics();
    String longId = "x".repeat(10_240);
    ModelRegistered empty = ModelRegistered.newBuilder().setModelId("").setSourceUri("file:/nowhere")
        .setCorpusId(CORPUS).build();
    ModelRegistered tooLong = ModelRegistered.newBuilder(empty).setModelId(longId).build();
    BenchmarkScore huge = BenchmarkScore.newBuilder().setModelId(MODELS.get(0)).setBenchmarkId(BENCHMARKS.get(0))
        .setMetric("acc").setValue(1e300).setSource("imported").build();
    TextChunk lying = TextChunk.newBuilder().setCorpusId("chaos-refused").setTextId("t0").setIndex(0).setCorpusSize(1)
        .setText("").setCategory("prose").setByteLength(127).build();
    return List.of(
        new Bad(n.modelRegistered(), "", bytes(topics.modelRegistered(), empty), "invalid-id", "invalid-id"),
        new Bad(n.modelRegistered(), longId, bytes(topics.modelRegistered(), tooLong), "invalid-id", "invalid-id"),
        new Bad(n.benchmarkScores(), CompositeKey.of(MODELS.get(0), BENCHMARKS.get(0)), bytes(topics.benchmarkScores(), huge),
            "implausible-score", "implausible-score"),
        new Bad(n.corpusTexts(), "chaos-refused/t0", bytes(topics.corpusTexts(), lying), "byte-length-mismatch",
            "byte-length-mismatch"));
  }

  private static <V> byte[] bytes(io.modelmap.schemas.topic.Topic<String, V> topic, V value) {
    return topic.valueSerde().serializer().serialize(topic.name(), value);
  }

  /**
   * A full row (every text) for a model nobody registered, in records of {@link #TASK_SIZE} texts as a worker
   * would publish them: complete, it would be mapped if the aggregator took it.
   */
  private List<Bad> unregisteredRow(List<String> textIds) {
    List<Bad> row = new ArrayList<>();
    for (int from = 0; from < textIds.size(); from += TASK_SIZE) {
      List<TextScore> scores = new ArrayList<>();
      for (int t = from; t < Math.min(textIds.size(), from + TASK_SIZE); t++) {
        scores.add(TextScore.newBuilder().setTextId(textIds.get(t)).setLogLikelihood(-250.0 - t).setTokensScored(200)
            .setWindowed(false).build());
      }
      byte[] bytes = bytes(connection.topics().textScores(), TextScores.newBuilder().setModelId(UNREGISTERED)
          .setCorpusId(CORPUS).setTaskId("chaos-unregistered-" + from).setWorkerId("chaos").setScores(scores).build());
      row.add(new Bad(connection.topics().names().textScores(), UNREGISTERED, bytes, "unregistered-model",
          "unregistered-model"));
    }
    return row;
  }

  private static String pairKey(String a, String b) {
    return a.compareTo(b) < 0 ? CompositeKey.of(a, b) : CompositeKey.of(b, a);
  }

  private void publishBad(List<Bad> records) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (Bad record : records) {
        if (record.kind().equals("unregistered-model") && unregisteredPublishedNanos < 0) {
          unregisteredPublishedNanos = System.nanoTime(); // before the send: no dead letter can be older
        }
        producer.send(new ProducerRecord<>(record.topic(), record.key(), record.bytes())).get(60, TimeUnit.SECONDS);
        bad.add(record);
      }
    }
  }

  /**
   * A bad record on a view whose key gets valid records again (the trigger of issue 26, finding 1):
   * the corpus's frame, a model's coordinates or neighbours, or a registration to come.
   */
  private Bad poison(Random random, Flows flows) {
    TopicNames n = connection.topics().names();
    Map<String, ModelCoordinates> coordinates = reader.latestByKey(connection.topics().modelCoordinates());
    List<String> scoring = MODELS.stream().filter(m -> !coordinates.containsKey(m) || !coordinates.get(m).getComplete())
        .toList();
    List<String> candidates = scoring.isEmpty() ? MODELS : scoring;
    String model = candidates.get(random.nextInt(candidates.size()));
    String registration = flows.registered ? "acme/poisoned-" + random.nextInt(1000)
        : flows.answerModels.get(random.nextInt(ANSWER_MODELS));
    List<String[]> views = List.of(new String[] {n.coordinateFrame(), CORPUS}, new String[] {n.modelCoordinates(), model},
        new String[] {n.modelNeighbors(), model}, new String[] {n.modelRegistered(), registration});
    String[] view = views.get(random.nextInt(views.size()));
    Schema schema = valueSchemas(n).get(view[0]);
    byte[] bytes = random.nextBoolean() ? BadRecords.notAvro("poisoned view " + view[0] + " #" + bad.size())
        : LengthBombs.of(connection.registryClient().register(SubjectNaming.subject(view[0], false), schema), schema);
    return new Bad(view[0], view[1], bytes, "poisoned-view", "undecodable");
  }

  private void awaitDeadLettered(Bad record) {
    await("the aggregator dead-letters the bad view record").atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .until(() -> letters(record.topic()).stream().anyMatch(l -> Arrays.equals(l.getOriginalValue().array(), record.bytes())));
  }

  private List<DeadLetter> letters(String topic) {
    List<DeadLetter> letters = new ArrayList<>();
    reader.readAll(connection.topics().deadLetters(topic), (k, letter) -> letters.add(letter));
    return letters;
  }

  /**
   * Every bad record is in its topic's dead-letter topic with its bytes and the rule that refused it: once
   * when the aggregator read it (exactly once, restores and restarts included), at least once from a
   * worker; a broken dead letter is skipped, never dead-lettered again; the unregistered model's scores are
   * dead-lettered {@code unregistered-model} once the park timeout has passed since they were published, and
   * never before: they wait for a registration. The timeout counts time the aggregator ran, so after a restart
   * they wait up to a whole timeout more: the wait covers that, the 2 s punctuation and a late first read.
   */
  private void assertDeadLettered() {
    String tasks = connection.topics().names().scoreTasks();
    List<String> topics = bad.stream().map(Bad::topic).distinct().toList();
    List<String> deadLetterTopics = new ArrayList<>(topics.stream().map(TopicNames::deadLetter).toList());
    deadLetterTopics.add(TopicNames.deadLetter(TopicNames.deadLetter(tasks)));
    await().atMost(PENDING_TIMEOUT.plusMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      Map<String, List<DeadLetter>> all = deadLetters(deadLetterTopics);
      // measured after the read: if the timeout had not passed now, it had not when the letters were read
      boolean parkTimedOut = System.nanoTime() - unregisteredPublishedNanos > PENDING_TIMEOUT.toNanos();
      for (String topic : topics) {
        List<Bad> sent = bad.stream().filter(b -> b.topic().equals(topic) && b.errorClass() != null
            && (parkTimedOut || !b.kind().equals("unregistered-model"))).toList();
        List<Bad> skipped = bad.stream().filter(b -> b.topic().equals(topic) && (b.errorClass() == null
            || !parkTimedOut && b.kind().equals("unregistered-model"))).toList();
        List<DeadLetter> letters = all.getOrDefault(TopicNames.deadLetter(topic), List.of());
        List<byte[]> bytes = letters.stream().map(l -> l.getOriginalValue().array()).toList();
        if (topic.equals(tasks)) {
          assertThat(bytes).as("dead letters of %s", topic).containsAll(sent.stream().map(Bad::bytes).toList());
          continue;
        }
        for (Bad b : sent) {
          // the same bytes may have been sent under the same key more than once (a length bomb is the same for a topic)
          long times = sent.stream().filter(o -> o.key().equals(b.key()) && Arrays.equals(o.bytes(), b.bytes())).count();
          List<DeadLetter> mine = letters.stream().filter(l -> Arrays.equals(l.getOriginalValue().array(), b.bytes())
              && b.key().equals(l.getOriginalKey() == null ? null
                  : StandardCharsets.UTF_8.decode(l.getOriginalKey().duplicate()).toString())).toList();
          assertThat(mine).as("dead letters of the %s record on %s (key %.40s)", b.kind(), topic, b.key()).hasSize((int) times)
              .allSatisfy(l -> assertThat(l.getErrorClass().toString()).isEqualTo(b.errorClass()));
        }
        for (Bad b : skipped) {
          assertThat(bytes).as("the %s record on %s is not dead-lettered", b.kind(), topic)
              .noneMatch(v -> Arrays.equals(v, b.bytes()));
        }
      }
      assertThat(all.getOrDefault(TopicNames.deadLetter(TopicNames.deadLetter(tasks)), List.of()))
          .as("a broken dead letter is skipped, never dead-lettered again").isEmpty();
    });
    System.out.printf("chaos: the unregistered model's scores %s%n", System.nanoTime() - unregisteredPublishedNanos
        > PENDING_TIMEOUT.toNanos() ? "were dead-lettered unregistered-model after the " + PENDING_TIMEOUT + " park timeout"
            : "still wait for a registration: the seed ended within the " + PENDING_TIMEOUT + " park timeout");
  }

  /** Every dead letter on {@code topics} up to their current ends, read committed, by one consumer. */
  private Map<String, List<DeadLetter>> deadLetters(List<String> topics) {
    Properties props = new Properties();
    props.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
    props.put(org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<String, List<DeadLetter>> letters = new TreeMap<>();
    var decoder = connection.topics().deadLetters("any").valueSerde().deserializer();
    try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(props,
        new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p ->
            partitions.add(new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (record.offset() < end.get(new org.apache.kafka.common.TopicPartition(record.topic(), record.partition()))) {
            try {
              letters.computeIfAbsent(record.topic(), t -> new ArrayList<>()).add(decoder.deserialize(record.topic(),
                  record.value()));
            } catch (org.apache.kafka.common.errors.SerializationException e) {
              // a broken record on a dead-letter topic is no dead letter
            }
          }
        }
      }
    }
    return letters;
  }


  // ---------------------------------------------------------------------------------------------------
  // Repeated and conflicting scores

  /**
   * Scores that repeat a (model, text) with a different value: before the worker's (they count, and the
   * worker does not score the text again unless it had started), after it (they conflict).
   */
  private final class Conflicts {
    private final Random random;
    private int before;
    private int after;
    private int duplicates;
    private final Set<String> touched = new HashSet<>();

    Conflicts(Random random) {
      this.random = random;
    }

    boolean done() {
      return after >= CONFLICTS_AFTER && duplicates >= 1;
    }

    void publishBefore(List<String> textIds) {
      try (Publisher publisher = new Publisher(connection)) {
        while (before < CONFLICTS_BEFORE) {
          String model = MODELS.get(random.nextInt(MODELS.size()));
          String text = textIds.get(random.nextInt(textIds.size()));
          if (touched.add(model + "\n" + text)) {
            publish(publisher, model, text, -300 - 200 * random.nextDouble(), "before");
            before++;
          }
        }
        publisher.flush();
      }
    }

    /** One more conflict after a worker's score, or an identical repeat, when a score to repeat is there. */
    String step() {
      Map<String, Map<String, Double>> first = firstScores(reader, connection);
      List<String[]> candidates = new ArrayList<>();
      first.forEach((model, row) -> row.keySet().forEach(text -> {
        if (MODELS.contains(model) && !touched.contains(model + "\n" + text)) {
          candidates.add(new String[] {model, text});
        }
      }));
      if (candidates.isEmpty()) {
        return "";
      }
      String[] pick = candidates.get(random.nextInt(candidates.size()));
      double counted = first.get(pick[0]).get(pick[1]);
      touched.add(pick[0] + "\n" + pick[1]);
      try (Publisher publisher = new Publisher(connection)) {
        if (after < CONFLICTS_AFTER) {
          publish(publisher, pick[0], pick[1], counted - 0.5 - random.nextDouble(), "after");
          after++;
          return "; a conflicting score of " + pick[0] + " on " + pick[1];
        }
        publish(publisher, pick[0], pick[1], counted, "duplicate");
        duplicates++;
        return "; a repeated score of " + pick[0] + " on " + pick[1];
      }
    }

    private void publish(Publisher publisher, String model, String text, double logLikelihood, String how) {
      publisher.send(connection.topics().textScores(), model, TextScores.newBuilder().setModelId(model).setCorpusId(CORPUS)
          .setTaskId("chaos-" + how + "-" + touched.size()).setWorkerId("chaos")
          .setScores(List.of(TextScore.newBuilder().setTextId(text).setLogLikelihood(logLikelihood).setTokensScored(100)
              .setWindowed(false).build())).build());
      publisher.flush();
    }
  }

  /** The first score of each (model, text) of the corpus on {@code text-scores}: a model's scores share a partition. */
  private static Map<String, Map<String, Double>> firstScores(TopicReader reader, KafkaConnection connection) {
    Map<String, Map<String, Double>> first = new HashMap<>();
    reader.readAll(connection.topics().textScores(), (model, scores) -> {
      if (!scores.getCorpusId().toString().equals(CORPUS)) {
        return;
      }
      Map<String, Double> row = first.computeIfAbsent(scores.getModelId().toString(), m -> new HashMap<>());
      for (TextScore score : scores.getScores()) {
        row.putIfAbsent(score.getTextId().toString(), score.getLogLikelihood());
      }
    });
    return first;
  }

  /**
   * The first score of each (model, text) on {@code text-scores} (a model's scores share one partition,
   * so offsets order them) is what was counted: its row equals the exported L, its mean the published
   * mean, and the published count is the corpus size, however often a text was re-scored. Some repeats
   * differ from the first by design, so a system that kept the last or any other score fails here.
   */
  private void assertEveryTextCountedOnce(long seed, ExportedMap map) {
    Map<String, Map<String, Double>> first = new HashMap<>();
    long[] repeats = {0, 0};
    reader.readAll(connection.topics().textScores(), (model, scores) -> {
      Map<String, Double> row = first.computeIfAbsent(model, m -> new HashMap<>());
      for (var score : scores.getScores()) {
        Double earlier = row.putIfAbsent(score.getTextId().toString(), score.getLogLikelihood());
        if (earlier != null) {
          repeats[0]++;
          repeats[1] += earlier == score.getLogLikelihood() ? 0 : 1;
        }
      }
    });
    System.out.printf("chaos: seed %d: %d scores on text-scores repeated an earlier one (%d with a different value);"
        + " each text counted once%n", seed, repeats[0], repeats[1]);
    // the conflicts after a worker's score always repeat; those before it only when the worker had started
    assertThat(repeats[1]).as("scores that differ from the first of their (model, text)")
        .isGreaterThanOrEqualTo(CONFLICTS_AFTER);
    tally("scores repeated", repeats[0]);
    tally("scores conflicting", repeats[1]);
    Map<String, ModelCoordinates> coordinates = reader.latestByKey(connection.topics().modelCoordinates());
    List<String> columns = map.textIds();
    for (int i = 0; i < map.models().size(); i++) {
      String model = map.models().get(i);
      Map<String, Double> row = first.get(model);
      assertThat(row).as("scores of %s", model).hasSize(TEXTS);
      double[] exported = map.reference().logLikelihoods(i);
      for (int t = 0; t < columns.size(); t++) {
        assertThat(exported[t]).as("%s on %s: the first score", model, columns.get(t))
            .isCloseTo(row.get(columns.get(t)), within(1e-12 * Math.abs(exported[t])));
      }
      ModelCoordinates c = coordinates.get(model);
      assertThat(c.getTextsScored()).as("texts of %s counted", model).isEqualTo(TEXTS);
      double mean = row.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      assertThat(c.getMeanLogLikelihood()).isCloseTo(mean, within(1e-9 * Math.abs(mean)));
    }
  }

  /**
   * With the system quiet, repeats of known scores, answers and responses (identical or not) move the
   * aggregator's duplicate and conflict counters by exactly their number, and no published result moves.
   */
  private void assertRepeatsCountedAndNothingElseMoved(long seed, Flows flows) throws Exception {
    Map<String, Object> before = settledResults();
    Map<String, Double> counters = counters();
    Map<String, Map<String, Double>> first = firstScores(reader, connection);
    Map<String, Map<String, Integer>> answered = flows.firstAnswers(reader, connection);
    String twice = MODELS.get(0);
    String differently = MODELS.get(2);
    List<String> texts = new ArrayList<>(new java.util.TreeSet<>(first.get(twice).keySet()));
    String answerer = flows.answerModels.get(1);
    List<String> items = new ArrayList<>(new java.util.TreeSet<>(answered.get(answerer).keySet()));
    try (Publisher publisher = new Publisher(connection)) {
      List<TextScore> same = new ArrayList<>();
      for (String text : texts.subList(0, 3)) {
        same.add(TextScore.newBuilder().setTextId(text).setLogLikelihood(first.get(twice).get(text)).setTokensScored(100)
            .setWindowed(false).build());
      }
      List<TextScore> other = new ArrayList<>();
      for (String text : texts.subList(3, 5)) {
        other.add(TextScore.newBuilder().setTextId(text).setLogLikelihood(first.get(differently).get(text) - 1.25)
            .setTokensScored(100).setWindowed(false).build());
      }
      publisher.send(connection.topics().textScores(), twice, TextScores.newBuilder().setModelId(twice).setCorpusId(CORPUS)
          .setTaskId("chaos-quiet-same").setWorkerId("chaos").setScores(same).build());
      publisher.send(connection.topics().textScores(), differently, TextScores.newBuilder().setModelId(differently)
          .setCorpusId(CORPUS).setTaskId("chaos-quiet-other").setWorkerId("chaos").setScores(other).build());
      List<McAnswer> sameAnswers = new ArrayList<>();
      List<McAnswer> otherAnswers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        String item = items.get(i);
        sameAnswers.add(McAnswer.newBuilder().setItemId(item).setChosenIndex(answered.get(answerer).get(item)).build());
        String item2 = items.get(2 + i);
        otherAnswers.add(McAnswer.newBuilder().setItemId(item2)
            .setChosenIndex(flows.otherChoice(item2, answered.get(answerer).get(item2))).build());
      }
      publisher.send(connection.topics().mcAnswers(), answerer, McAnswers.newBuilder().setModelId(answerer)
          .setBenchmarkId(MMLU).setTaskId("chaos-quiet-same").setWorkerId("chaos").setAnswers(sameAnswers).build());
      publisher.send(connection.topics().mcAnswers(), answerer, McAnswers.newBuilder().setModelId(answerer)
          .setBenchmarkId(MMLU).setTaskId("chaos-quiet-other").setWorkerId("chaos").setAnswers(otherAnswers).build());
      String responder = flows.responseModels.get(1);
      List<PromptResponse> again = flows.responses.get(responder).subList(0, 2).stream().map(r -> PromptResponse
          .newBuilder().setPromptId(r.promptId()).setResponse(r.text()).build()).toList();
      publisher.send(connection.topics().modelResponses(), responder, ModelResponses.newBuilder().setModelId(responder)
          .setResponses(again).setSource("chaos").build());
      publisher.flush();
    }
    Map<String, Double> expected = new TreeMap<>(counters);
    expected.merge("duplicate_scores", 3.0, Double::sum);
    expected.merge("conflicting_scores", 2.0, Double::sum);
    expected.merge("duplicate_answers", 2.0, Double::sum);
    expected.merge("conflicting_answers", 2.0, Double::sum);
    expected.merge("repeated_responses", 2.0, Double::sum);
    await("the repeats counted").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(counters()).isEqualTo(expected));
    Thread.sleep(4_000); // two punctuations: anything the repeats moved would be published by now
    assertThat(counters()).as("counters once the repeats were read").isEqualTo(expected);
    System.out.printf("chaos: seed %d: counters before the quiet repeats %s, after %s; nothing else moved%n", seed,
        counters, expected);
    assertThat(publishedResults()).as("coordinates, frame, neighbours, agreement, accuracy, similarity, predictions")
        .isEqualTo(before);
  }

  /** The published results once two reads 3 s apart agree (refits still running republish their models). */
  private Map<String, Object> settledResults() throws InterruptedException {
    Map<String, Object> last = publishedResults();
    for (int attempt = 0; attempt < 40; attempt++) {
      Thread.sleep(3_000);
      Map<String, Object> now = publishedResults();
      if (now.equals(last)) {
        return now;
      }
      last = now;
    }
    throw new AssertionError("the published results did not settle within 2 minutes");
  }

  /** The aggregator's repeat counters from /metrics, summed over its tasks. */
  private Map<String, Double> counters() throws Exception {
    String metrics = get("/metrics").body();
    Map<String, Double> counters = new TreeMap<>();
    for (String name : List.of("duplicate_scores", "conflicting_scores", "duplicate_answers", "conflicting_answers",
        "repeated_responses")) {
      String prefix = "modelmap_aggregator_" + name + "_total";
      counters.put(name, metrics.lines().filter(l -> l.startsWith(prefix + "{") || l.startsWith(prefix + " "))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum());
    }
    return counters;
  }

  /** What the aggregator published about the corpus's models, the answers and the responses, by topic and key. */
  private Map<String, Object> publishedResults() {
    var topics = connection.topics();
    Map<String, Object> results = new TreeMap<>();
    reader.latestByKey(topics.modelCoordinates()).forEach((k, v) -> {
      if (MODELS.contains(k)) {
        results.put("coordinates " + k, v);
      }
    });
    reader.latestByKey(topics.modelNeighbors()).forEach((k, v) -> {
      if (MODELS.contains(k)) {
        results.put("neighbours " + k, v);
      }
    });
    results.put("frame", reader.latestByKey(topics.coordinateFrame()).get(CORPUS));
    reader.latestByKey(topics.errorAgreement()).forEach((k, v) -> results.put("agreement " + k, v));
    reader.latestByKey(topics.modelAccuracy()).forEach((k, v) -> results.put("accuracy " + k, v));
    reader.latestByKey(topics.responseSimilarity()).forEach((k, v) -> results.put("similarity " + k, v));
    reader.latestByKey(topics.scorePredictions()).forEach((k, v) -> {
      if (MODELS.contains(k)) {
        results.put("predictions " + k, v);
      }
    });
    return results;
  }

  // ---------------------------------------------------------------------------------------------------
  // Answers, benchmark scores, responses: what flows during the faults, and the batch references

  /** Items and answers of MMLU-Pro (real models), responses to its prompts, benchmark scores of the corpus's models. */
  private final class Flows {
    final List<McItem> items;
    final List<String> answerModels;
    final Map<String, List<McAnswer>> answers;
    final List<String> responseModels;
    final Map<String, List<ResponseFiles.Response>> responses = new LinkedHashMap<>();
    final Map<String, Map<String, Double>> benchmarkScores = new TreeMap<>();
    final List<String> pcModels = new ArrayList<>();
    final List<String> pcOrgs = new ArrayList<>();
    final List<String> pcDocs = new ArrayList<>();
    final List<double[]> pcRows = new ArrayList<>();
    final Map<String, Map<String, Double>> pcAccuracy = new TreeMap<>();
    private final Random random;
    private int conflictingAnswers;
    /** Whether the answering models were registered (flow step 7). */
    boolean registered;

    Flows(Path dir, Random random) throws IOException {
      this.random = random;
      List<String> lines = Files.readAllLines(MMLU_DATA.resolve("answers.csv"), StandardCharsets.UTF_8);
      List<String> trimmed = new ArrayList<>();
      for (String line : lines.subList(0, ITEMS + 1)) {
        String[] cells = line.split(",", -1);
        trimmed.add(String.join(",", Arrays.copyOfRange(cells, 0, 4 + ANSWER_MODELS)));
      }
      Path table = dir.resolve("answers.csv");
      Files.write(table, trimmed, StandardCharsets.UTF_8);
      AnswerTable answerTable = AnswerTableReader.read(table, MMLU);
      Map<String, McItem> byId = new HashMap<>();
      ItemFiles.read(MMLU_DATA.resolve("items.jsonl.gz"), MMLU).items().forEach(i -> byId.put(i.getItemId().toString(), i));
      items = answerTable.items().stream().map(i -> byId.get(i.getItemId().toString())).toList();
      assertThat(items).as("the questions of the table's items").doesNotContainNull().hasSize(ITEMS);
      answers = answerTable.answersByModel();
      answerModels = List.copyOf(answers.keySet());
      assertThat(answerModels).hasSize(ANSWER_MODELS);
      ResponseFiles.read(List.of(RESPONSES))
          .forEach(r -> responses.computeIfAbsent(r.modelId(), m -> new ArrayList<>()).add(r));
      responseModels = List.copyOf(responses.keySet());
      assertThat(responseModels).hasSize(FLOW_STEPS * RESPONSE_MODELS_PER_STEP);
      for (String benchmark : BENCHMARKS) {
        Map<String, Double> scores = new TreeMap<>();
        for (String model : MODELS) {
          scores.put(model, Math.round((25 + 60 * random.nextDouble()) * 100) / 100.0);
        }
        benchmarkScores.put(benchmark, scores);
      }
      readPerplexityCorrelations();
    }

    /** The first {@link #PC_MODELS} models of the data, as PredictionImportIT reads them: ℓ = −bpb · ln 2, accuracy = 1 − error. */
    private void readPerplexityCorrelations() throws IOException {
      List<String> header = CsvFiles.header(PC_DATA.resolve("bpb_per_doc.csv"));
      List<CSVRecord> bpb = CsvFiles.read(PC_DATA.resolve("bpb_per_doc.csv"));
      bpb.forEach(r -> pcDocs.add(r.get(0)));
      for (int c = 1; c < header.size() && pcModels.size() < PC_MODELS; c++) {
        String[] t = tuple(header.get(c));
        if (pcModels.contains(t[1])) {
          continue;
        }
        pcModels.add(t[1]);
        pcOrgs.add(t[0]);
        double[] l = new double[pcDocs.size()];
        for (int d = 0; d < pcDocs.size(); d++) {
          l[d] = -Double.parseDouble(bpb.get(d).get(c)) * Math.log(2);
        }
        pcRows.add(l);
      }
      List<String> errorHeader = CsvFiles.header(PC_DATA.resolve("error.csv"));
      for (CSVRecord r : CsvFiles.read(PC_DATA.resolve("error.csv"))) {
        if (PC_BENCHMARKS.contains(r.get(0))) {
          Map<String, Double> byModel = new TreeMap<>();
          for (int c = 1; c < errorHeader.size(); c++) {
            String model = tuple(errorHeader.get(c))[1];
            if (pcModels.contains(model)) {
              byModel.put(model, 1 - Double.parseDouble(r.get(c)));
            }
          }
          pcAccuracy.put(r.get(0), byModel);
        }
      }
      assertThat(pcAccuracy.values()).allSatisfy(m -> assertThat(m).hasSize(PC_MODELS));
      List<String> sorted = pcModels.stream().sorted().toList();
      assertThat(RidgeCrossValidation.feasible(sorted.stream().map(m -> pcOrgs.get(pcModels.indexOf(m))).toList(),
          PREDICTION_FOLDS)).as("the protocol on %d models grouped by organisation", PC_MODELS).isTrue();
    }

    private static String[] tuple(String cell) {
      String[] parts = cell.substring(1, cell.length() - 1).split(", ");
      return new String[] {parts[0].replace("'", ""), parts[1].replace("'", "")};
    }

    String itemId(int index) {
      return items.get(index).getItemId().toString();
    }

    /** Items and answers before the workers start: enough for the first embeddings, trained during the faults. */
    void publishEarly() {
      try (Publisher publisher = new Publisher(connection)) {
        BenchmarkPublisher benchmark = new BenchmarkPublisher(publisher, connection.topics());
        benchmark.publishItems(items.subList(0, EARLY_ITEMS));
        List<CorpusText> documents = new ArrayList<>();
        for (int d = 0; d < pcDocs.size(); d++) {
          documents.add(new CorpusText(pcDocs.get(d), d, null, "web", 1000));
        }
        new CorpusPublisher(publisher, connection.topics().corpusTexts()).publish(PC, documents);
        publisher.flush();
        for (String model : answerModels.subList(0, EARLY_ANSWER_MODELS)) {
          benchmark.publishAnswers(model, MMLU, answers.get(model), "import"); // the late items' answers wait for them
        }
        publisher.flush();
      }
    }

    /** Publishes step {@code step}'s share; says what it published. */
    String step(int step) throws IOException {
      List<String> done = new ArrayList<>();
      try (Publisher publisher = new Publisher(connection)) {
        BenchmarkPublisher benchmark = new BenchmarkPublisher(publisher, connection.topics());
        if (step <= FLOW_STEPS) {
          List<ResponseFiles.Response> batch = new ArrayList<>();
          for (String model : responseModels.subList((step - 1) * RESPONSE_MODELS_PER_STEP, step * RESPONSE_MODELS_PER_STEP)) {
            batch.addAll(responses.get(model));
          }
          new ResponsePublisher(publisher, connection.topics().modelResponses()).publish(batch, "chaos", 0);
          done.add("responses of " + RESPONSE_MODELS_PER_STEP + " models");
        }
        int perStep = PC_MODELS / 6;
        if (step >= 1 && step <= 6) {
          ModelRegistrar registrar = new ModelRegistrar(publisher, connection.topics().modelRegistered());
          for (int m = (step - 1) * perStep; m < step * perStep; m++) {
            String model = pcModels.get(m);
            registrar.register(ModelRegistered.newBuilder().setModelId(model).setSourceUri("imported:bpb_per_doc.csv")
                .setCorpusId(PC).setFamily(pcOrgs.get(m)).setModelType("imported").build());
            List<TextScore> row = new ArrayList<>();
            for (int d = 0; d < pcDocs.size(); d++) {
              row.add(TextScore.newBuilder().setTextId(pcDocs.get(d)).setLogLikelihood(pcRows.get(m)[d]).setTokensScored(0)
                  .setWindowed(false).build());
            }
            publisher.send(connection.topics().textScores(), model, TextScores.newBuilder().setModelId(model).setCorpusId(PC)
                .setTaskId("import/" + model).setWorkerId("import").setScores(row).build());
          }
          done.add(perStep + " imported rows of " + PC);
        }
        if (step == 4) {
          pcAccuracy.forEach((id, scores) -> scores.forEach((model, value) ->
              publisher.send(connection.topics().benchmarkScores(), CompositeKey.of(model, id), BenchmarkScore.newBuilder()
                  .setModelId(model).setBenchmarkId(id).setMetric("acc").setValue(value).setSource("imported").build())));
          for (String id : BENCHMARKS) {
            publisher.send(connection.topics().benchmarkRegistered(), id, BenchmarkRegistered.newBuilder().setBenchmarkId(id)
                .setAbility("reasoning").setShots(0).build());
          }
          done.add("benchmarks registered");
        }
        if (step == 3) {
          benchmark.publishItems(items.subList(EARLY_ITEMS, ITEMS));
          done.add((ITEMS - EARLY_ITEMS) + " items, answered already");
        }
        if (step == 4) {
          benchmarkScores.forEach((id, scores) -> scores.forEach((model, value) ->
              publisher.send(connection.topics().benchmarkScores(), CompositeKey.of(model, id), BenchmarkScore.newBuilder()
                  .setModelId(model).setBenchmarkId(id).setMetric("acc").setValue(value).setSource("imported").build())));
          done.add("benchmark scores");
        }
        if (step >= 4 && step < 4 + ANSWER_MODELS - EARLY_ANSWER_MODELS) {
          String model = answerModels.get(EARLY_ANSWER_MODELS + step - 4);
          benchmark.publishAnswers(model, MMLU, answers.get(model), "import");
          done.add("answers of " + model);
        }
        if (step == 5 || step == 8) {
          String model = answerModels.get(EARLY_ANSWER_MODELS + step - 5);
          publisher.send(connection.topics().mcAnswers(), model, conflicting(model, 3, "conflicting-" + step));
          done.add("3 conflicting answers of " + model);
        }
        if (step == 6) {
          String model = answerModels.get(EARLY_ANSWER_MODELS + 1);
          List<McAnswer> again = answers.get(model).subList(0, 5);
          publisher.send(connection.topics().mcAnswers(), model, McAnswers.newBuilder().setModelId(model).setBenchmarkId(MMLU)
              .setTaskId("chaos-repeated").setWorkerId("chaos").setAnswers(List.copyOf(again)).build());
          String responder = responseModels.get(0);
          List<PromptResponse> other = responses.get(responder).subList(0, 2).stream().map(r -> PromptResponse
              .newBuilder().setPromptId(r.promptId()).setResponse("chaos: another answer to " + r.promptId()).build()).toList();
          publisher.send(connection.topics().modelResponses(), responder, ModelResponses.newBuilder().setModelId(responder)
              .setResponses(other).setSource("chaos").build());
          done.add("5 repeated answers, 2 different responses of " + responder);
        }
        if (step == 7) {
          ModelRegistrar registrar = new ModelRegistrar(publisher, connection.topics().modelRegistered());
          for (String model : answerModels) {
            registrar.register(ModelRegistered.newBuilder().setModelId(model).setSourceUri("imported:answers.csv")
                .setCorpusId("mmlu-answers").setModelType("imported").build());
          }
          registered = true;
          done.add("the answering models registered");
        }
        publisher.flush();
      }
      return String.join(", ", done);
    }

    /** {@code count} of the model's answers, each with a different choice than its first. */
    private McAnswers conflicting(String model, int count, String task) {
      List<McAnswer> changed = new ArrayList<>();
      for (McAnswer answer : answers.get(model)) {
        if (changed.size() == count) {
          break;
        }
        changed.add(McAnswer.newBuilder().setItemId(answer.getItemId())
            .setChosenIndex(otherChoice(answer.getItemId().toString(), answer.getChosenIndex())).build());
      }
      conflictingAnswers += changed.size();
      return McAnswers.newBuilder().setModelId(model).setBenchmarkId(MMLU).setTaskId("chaos-" + task).setWorkerId("chaos")
          .setAnswers(changed).build();
    }

    /** A choice of the item other than {@code chosen}. */
    int otherChoice(String itemId, int chosen) {
      McItem item = items.stream().filter(i -> i.getItemId().toString().equals(itemId)).findFirst().orElseThrow();
      int choices = item.getChoices().size();
      return chosen < 0 ? random.nextInt(choices) : (chosen + 1 + random.nextInt(choices - 1)) % choices;
    }

    /** The first chosen answer of each (model, item) on {@code mc-answers}: a model's answers share a partition. */
    Map<String, Map<String, Integer>> firstAnswers(TopicReader reader, KafkaConnection connection) {
      Map<String, Map<String, Integer>> first = new TreeMap<>();
      reader.readAll(connection.topics().mcAnswers(), (model, record) -> {
        if (record.getBenchmarkId().toString().equals(MMLU)) {
          Map<String, Integer> own = first.computeIfAbsent(record.getModelId().toString(), m -> new HashMap<>());
          record.getAnswers().forEach(a -> own.putIfAbsent(a.getItemId().toString(), a.getChosenIndex()));
        }
      });
      return first;
    }
  }

  private String flowStep(int step, Map<Integer, List<Bad>> plan, Flows flows, Conflicts conflicts) throws Exception {
    StringBuilder said = new StringBuilder("flow step " + step + ": ");
    List<Bad> records = plan.getOrDefault(step, List.of());
    if (!records.isEmpty()) {
      publishBad(records);
      said.append(records.size()).append(" bad records (")
          .append(records.stream().map(b -> b.kind() + " on " + b.topic()).collect(Collectors.joining(", "))).append("), ");
    }
    if (step <= FLOW_STEPS) {
      said.append(flows.step(step));
    }
    if (!conflicts.done()) {
      said.append(conflicts.step());
    }
    return said.toString();
  }

  /**
   * The imported corpus's ridge-from-Q predictions equal the §5 protocol (PredictionImportIT's) on the batch
   * distances of its L, folds grouped by organisation.
   */
  private void assertPredictionsEqualTheProtocol(Path out, Flows flows) throws IOException {
    BatchReference batch = BatchReference.of(flows.pcRows.toArray(double[][]::new));
    List<String> sorted = flows.pcModels.stream().sorted().toList(); // the aggregator trains in id order
    double[][] d = new double[sorted.size()][sorted.size()];
    for (int i = 0; i < sorted.size(); i++) {
      for (int j = 0; j < sorted.size(); j++) {
        d[i][j] = i == j ? 0 : 2 * batch.klNats(flows.pcModels.indexOf(sorted.get(i)), flows.pcModels.indexOf(sorted.get(j)));
      }
    }
    List<String> groups = sorted.stream().map(m -> flows.pcOrgs.get(flows.pcModels.indexOf(m))).toList();
    List<CSVRecord> predictions = CsvFiles.read(out.resolve("predictions.csv")).stream()
        .filter(r -> r.get("method").equals("ridge-q")).toList();
    assertThat(predictions).as("ridge predictions of %s", PC).hasSize(PC_BENCHMARKS.size() * PC_MODELS);
    for (String benchmark : PC_BENCHMARKS) {
      double[] y = sorted.stream().mapToDouble(m -> flows.pcAccuracy.get(benchmark).get(m)).toArray();
      RidgeCrossValidation.OutOfFold held = RidgeCrossValidation.outOfFold(d, y, groups, PREDICTION_FOLDS);
      RidgeCrossValidation.Fit fit = RidgeCrossValidation.fitAll(d, y, groups, PREDICTION_FOLDS);
      for (CSVRecord p : predictions) {
        if (p.get("benchmark").equals(benchmark)) {
          int i = sorted.indexOf(p.get("model_id"));
          // a prediction published before the model's own score arrived has none yet: wait for the one after
          assertThat(p.get("observed")).as("observed %s of %s", benchmark, p.get("model_id")).isNotEmpty();
          assertThat(Double.parseDouble(p.get("observed"))).as("%s of %s", benchmark, p.get("model_id")).isEqualTo(y[i]);
          assertThat(Double.parseDouble(p.get("out_of_fold"))).as("%s of %s out of fold", benchmark, p.get("model_id"))
              .isCloseTo(held.outOfFold()[i], within(1e-6));
          assertThat(Double.parseDouble(p.get("predicted"))).as("%s of %s", benchmark, p.get("model_id"))
              .isCloseTo(fit.ridge().predict(d[i]), within(1e-6));
        }
      }
    }
  }

  /** Every pair's error agreement equals DESIGN §3 on the first answer of each (model, item), count for count. */
  private void assertAgreementEqualsTheBatchDefinitions(Path out) throws IOException {
    Map<String, Map<String, Integer>> first = new TreeMap<>();
    reader.readAll(connection.topics().mcAnswers(), (model, record) -> {
      Map<String, Integer> own = first.computeIfAbsent(record.getModelId().toString(), m -> new HashMap<>());
      record.getAnswers().forEach(a -> own.putIfAbsent(a.getItemId().toString(), a.getChosenIndex()));
    });
    Map<String, McItem> items = new TreeMap<>();
    reader.latestByKey(connection.topics().mcItems()).values().forEach(i -> items.put(i.getItemId().toString(), i));
    List<String> itemIds = List.copyOf(items.keySet());
    List<String> models = List.copyOf(first.keySet());
    int[] choices = itemIds.stream().mapToInt(i -> items.get(i).getChoices().size()).toArray();
    int[] gold = itemIds.stream().mapToInt(i -> items.get(i).getGoldIndex()).toArray();
    int[][] answers = new int[models.size()][itemIds.size()];
    for (int m = 0; m < models.size(); m++) {
      Arrays.fill(answers[m], AgreementBatch.MISSING);
      for (Map.Entry<String, Integer> a : first.get(models.get(m)).entrySet()) {
        answers[m][itemIds.indexOf(a.getKey())] = a.getValue();
      }
    }
    new AgreementExporter(connection).export(out);
    List<String[]> rows = ExportedCsv.rows(out.resolve("agreement.csv"));
    assertThat(rows).as("agreement of every pair of %d models", models.size()).hasSize(ANSWER_MODELS * (ANSWER_MODELS - 1) / 2);
    for (String[] row : rows) {
      double[] expected = AgreementBatch.statistics(choices, gold, answers, models.indexOf(row[0]), models.indexOf(row[1]));
      for (int c = 0; c < 7; c++) {
        assertThat(Long.parseLong(row[2 + c])).as("%s/%s column %d", row[0], row[1], c).isEqualTo((long) expected[c]);
      }
      for (int c = 7; c < 12; c++) {
        if (Double.isNaN(expected[c])) {
          assertThat(row[2 + c]).as("%s/%s column %d", row[0], row[1], c).isIn("", "NaN");
        } else {
          assertThat(Double.parseDouble(row[2 + c])).as("%s/%s column %d", row[0], row[1], c)
              .isCloseTo(expected[c], within(1e-12 * Math.abs(expected[c])));
        }
      }
    }
  }

  /** The streamed response similarity, line for line the offline {@code compare-responses} of the same file (first responses). */
  private void assertResponseSimilarityEqualsTheOfflineComparison(Path out, Flows flows) throws IOException {
    Path offline = dir.resolve("offline/response-similarity.csv");
    if (!Files.exists(offline)) {
      assertThat(ModelMapCli.commandLine().execute("compare-responses", "--responses", RESPONSES.toString(),
          "--export-to", dir.resolve("offline").toString())).isZero();
    }
    new ResponseExporter(connection).export(out);
    List<String> expected = Files.readAllLines(offline, StandardCharsets.UTF_8);
    assertThat(expected).hasSize(1 + flows.responseModels.size() * (flows.responseModels.size() - 1) / 2);
    assertThat(Files.readAllLines(out.resolve("response-similarity.csv"), StandardCharsets.UTF_8))
        .as("streamed response similarity").isEqualTo(expected);
  }

  /** Every model that answered has an embedding (trained during the faults, or folded in). */
  private void assertEveryAnsweringModelEmbedded(Flows flows) throws Exception {
    HttpResponse<String> response = get("/api/embeddings");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> embedded = new ArrayList<>();
    JSON.readTree(response.body()).forEach(e -> embedded.add(e.get("modelId").asText()));
    assertThat(embedded).containsExactlyInAnyOrderElementsOf(flows.answerModels);
  }

  /**
   * A full row of scores for a model nobody registered (issue 26, finding 3) never reaches the registered
   * models' results: it is no one's neighbour in any list ever published, in no frame ever published, and
   * its row never completes.
   */
  private void assertUnregisteredModelIsNoOnesNeighbour() {
    reader.readAll(connection.topics().modelNeighbors(), (key, list) -> {
      if (!list.getModelId().toString().equals(UNREGISTERED)) {
        assertThat(list.getNeighbors()).extracting(NeighborEntry::getModelId).extracting(Object::toString)
            .as("neighbours of %s", list.getModelId()).doesNotContain(UNREGISTERED);
      }
    });
    reader.readAll(connection.topics().coordinateFrame(), (key, frame) -> {
      if (frame != null) {
        assertThat(frame.getPositions()).extracting(p -> p.getModelId().toString()).as("frame of %s", key)
            .doesNotContain(UNREGISTERED);
      }
    });
    reader.readAll(connection.topics().modelCoordinates(), (key, coordinates) -> {
      if (coordinates != null && coordinates.getModelId().toString().equals(UNREGISTERED)) {
        assertThat(coordinates.getComplete()).as("the unregistered model's row").isFalse();
      }
    });
  }

  /** The query API: healthy, and serving the valid records that followed bad ones on the same keys. */
  private void assertServed(Flows flows, boolean linkedRegistered) throws Exception {
    HttpResponse<String> health = get("/health");
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    for (String model : MODELS) {
      JsonNode body = JSON.readTree(get("/api/models/" + encode(model)).body());
      assertThat(body.path("status").asText()).as("status of %s", model).isEqualTo("complete");
    }
    for (String model : flows.answerModels) {
      JsonNode body = JSON.readTree(get("/api/models/" + encode(model)).body());
      assertThat(body.path("modelType").asText()).as("registration of %s", model).isEqualTo("imported");
      assertThat(body.path("answered").asLong()).as("answers of %s", model).isPositive();
    }
    assertThat(get("/api/map?corpus=" + CORPUS).body()).contains("\"modelCount\":" + MODELS.size());
    HttpResponse<String> models = get("/api/models");
    assertThat(models.statusCode()).as(models.body()).isEqualTo(200);
    assertThat(models.body()).doesNotContain("x".repeat(300));
    if (linkedRegistered) {
      JsonNode body = JSON.readTree(get("/api/models/" + encode(LINKED)).body());
      assertThat(body.path("status").asText()).as("status of %s", LINKED).isEqualTo("refused");
    }
  }

  /** Every task of the model whose weights link out of the root is refused, never scored. */
  private void assertAllTasksRefused() {
    var tasks = connection.topics().scoreTasks().valueSerde().deserializer();
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      Set<String> refused = new HashSet<>();
      reader.readAll(connection.topics().deadLetters("score-tasks"), (k, letter) -> {
        if (letter.getErrorClass().toString().equals("source-refused")) {
          ScoreTask task = tasks.deserialize("score-tasks", letter.getOriginalValue().array());
          assertThat(task.getModelId().toString()).as("a refused task").isEqualTo(LINKED);
          refused.add(task.getTaskId().toString());
        }
      });
      assertThat(refused).as("refused tasks of %s", LINKED).hasSize(TEXTS / TASK_SIZE);
    });
    assertThat(reader.latestByKey(connection.topics().textScores())).doesNotContainKey(LINKED);
  }

  // ---------------------------------------------------------------------------------------------------
  // The system under test

  private void onboard(Publisher publisher, String model, Path source, List<String> textIds) {
    new ModelOnboarding(publisher, connection.topics(), new TaskFanout(TASK_SIZE)).onboard(ModelRegistered.newBuilder()
        .setModelId(model).setSourceUri("file:" + source).setCorpusId(CORPUS).setFamily(FAMILIES.get(model)).build(),
        textIds, Map.of());
    publisher.flush();
  }

  /** A copy of {@code good} under the model root whose weights file is a link to a copy outside it. */
  private Path linkedWeights(Path root, Path good) throws IOException {
    Path folder = root.resolve(LINKED);
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.createDirectories(folder);
    try (Stream<Path> files = Files.list(good)) {
      for (Path file : files.toList()) {
        Files.copy(file, folder.resolve(file.getFileName()));
      }
    }
    Path weights = folder.resolve("model.safetensors");
    Files.move(weights, outside.resolve("model.safetensors"));
    Files.createSymbolicLink(weights, outside.resolve("model.safetensors"));
    return folder;
  }

  private boolean allComplete() {
    try {
      Map<String, ModelCoordinates> coordinates = reader.latestByKey(connection.topics().modelCoordinates());
      Map<String, NeighborList> neighbors = reader.latestByKey(connection.topics().modelNeighbors());
      return MODELS.stream().allMatch(m -> coordinates.containsKey(m) && coordinates.get(m).getComplete()
          && neighbors.containsKey(m) && !neighbors.get(m).getProvisional());
    } catch (RuntimeException e) {
      return false; // the registry or the broker is down: ask again later
    }
  }

  /**
   * The (model, text) pairs of the corpus the scorer workers have scored so far, as published on text-scores: the
   * aggregator's coordinates would lag behind, and on a fast runner they can go from none to all in one poll.
   */
  private int textsCounted() {
    try {
      Set<String> byWorkers = new HashSet<>();
      Set<String> byTheTest = new HashSet<>();
      reader.readAll(connection.topics().textScores(), (model, scores) -> {
        if (MODELS.contains(model) && scores.getCorpusId().equals(CORPUS)) {
          Set<String> into = scores.getWorkerId().equals("chaos") ? byTheTest : byWorkers;
          scores.getScores().forEach(score -> into.add(model + "\n" + score.getTextId()));
        }
      });
      if (byWorkers.isEmpty()) {
        return 0; // the test's own early scores are not progress
      }
      byWorkers.addAll(byTheTest); // a text the test scored first is one a worker need not score
      return byWorkers.size();
    } catch (RuntimeException e) {
      return -1; // the registry is down
    }
  }

  private String progress() {
    Map<String, ModelCoordinates> coordinates;
    try {
      coordinates = reader.latestByKey(connection.topics().modelCoordinates());
    } catch (RuntimeException e) {
      return "unknown while the registry is down";
    }
    return MODELS.stream().map(m -> coordinates.containsKey(m) ? coordinates.get(m).getTextsScored() + "/" + TEXTS : "0/" + TEXTS)
        .collect(Collectors.joining(" "));
  }

  /** The aggregator with its API on (a fixed port across restarts), fitting benchmarks from 3 observed models. */
  private ChildJvm aggregator() throws Exception {
    return ChildJvm.start(logs, children, "aggregator", "--bootstrap-servers", connection.bootstrapServers(),
        "--schema-registry-url", connection.schemaRegistryUrl(), "--state-dir", dir.resolve("aggregator").toString(),
        "--application-id", "chaos", "--instance-id", "chaos-aggregator-0", "--api-port", String.valueOf(apiPort),
        "--internal-port", String.valueOf(freePort()), "--prediction-min-observed", "3",
        "--pending-timeout", PENDING_TIMEOUT.toString());
  }

  private ChildJvm scorer() throws Exception {
    return ChildJvm.start(logs, children, "scorer", "--bootstrap-servers", connection.bootstrapServers(),
        "--schema-registry-url", connection.schemaRegistryUrl(), "--model-root", modelRoot.toString(),
        "--group-id", "chaos-scorers", "--device", "cpu", "--metrics-port", "-1", "--batch-size", "4");
  }

  /** The broker in its own JVM, on its folder and ports; returns once it answers. */
  private ChildJvm startBroker(Path folder, int brokerPort, int controllerPort) throws Exception {
    ChildJvm broker = ChildJvm.startMain(logs, children, "broker", BrokerProcess.class.getName(), folder.toString(),
        String.valueOf(brokerPort), String.valueOf(controllerPort));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      assertThat(broker.process().isAlive()).as("the broker process (log in %s)", logs).isTrue();
      try (Admin admin = admin("127.0.0.1:" + brokerPort)) {
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        return broker;
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        assertThat(System.nanoTime()).as("the broker answers within 120 s").isLessThan(deadline);
        Thread.sleep(250);
      }
    }
  }

  private static Admin admin(String bootstrap) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String encode(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  /** A JVM of its own (a {@code modelmap} command, or the broker), output to a log file, killed with SIGKILL. */
  private record ChildJvm(Process process) {
    static ChildJvm start(Path logs, List<ChildJvm> all, String... args) throws Exception {
      List<String> command = new ArrayList<>(List.of("io.modelmap.cli.ModelMapCli"));
      command.addAll(List.of(args));
      return launch(logs, all, args[0], command);
    }

    static ChildJvm startMain(Path logs, List<ChildJvm> all, String name, String mainClass, String... args)
        throws Exception {
      List<String> command = new ArrayList<>(List.of(mainClass));
      command.addAll(List.of(args));
      return launch(logs, all, name, command);
    }

    private static ChildJvm launch(Path logs, List<ChildJvm> all, String name, List<String> main) throws Exception {
      Files.createDirectories(logs);
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx512m", "-cp", System.getProperty("java.class.path")));
      if (name.equals("broker")) {
        command.add(1, "-XX:TieredStopAtLevel=1"); // starts faster on a loaded runner; the broker's code is the same
      }
      command.addAll(main);
      Path log = logs.resolve(name + "-" + System.nanoTime() + ".log");
      ChildJvm child = new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
      all.add(child);
      return child;
    }

    /** SIGKILL (Process.destroyForcibly on Linux): no shutdown hook, no flush, no clean close. */
    void kill() {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
