package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import static org.awaitility.Awaitility.await;

import io.modelmap.cli.transfer.MapExporter;
import io.modelmap.embedded.EmbeddedKafkaBroker;
import io.modelmap.producer.corpus.CorpusBuilder;
import io.modelmap.producer.corpus.CorpusPublisher;
import io.modelmap.producer.corpus.CorpusText;
import io.modelmap.producer.corpus.DemoCorpus;
import io.modelmap.producer.corpus.CorpusSpec;
import io.modelmap.producer.fanout.ModelOnboarding;
import io.modelmap.producer.fanout.TaskFanout;
import io.modelmap.producer.kafka.ConnectionConfig;
import io.modelmap.producer.kafka.Publisher;
import io.modelmap.producer.kafka.TopicReader;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.NeighborList;
import io.modelmap.schemas.avro.ScoreTask;
import io.modelmap.schemas.registry.EmbeddedSchemaRegistry;
import io.modelmap.schemas.topic.TopicNames;
import io.modelmap.schemas.topic.TopicProvisioner;
import io.modelmap.scorer.demo.DemoModels;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
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
 * Randomized faults while models are scored: scorer workers and the aggregator, each in its own JVM,
 * are killed with SIGKILL at random points and restarted; the broker is restarted once; the schema
 * registry is down for 5-30 s once; malformed records land on every topic the services read; a model
 * whose weights file links out of the model root is registered. At the end every good model is
 * complete, every text was counted once (its first score on {@code text-scores}, whatever was re-scored),
 * the published neighbours and Q equal the batch reference on the accepted scores (≤ 1e-9 relative),
 * every malformed record is in its dead-letter topic, and the linked model's tasks were all refused.
 *
 * <p>CI runs the seeds in {@code chaos.seeds} (two by default); {@code ./mvnw -Pchaos verify} runs 20.
 * Every run prints its seed and actions; {@code -Dchaos.seeds=SEED -Dit.test=ChaosIT} replays one, and
 * {@code -Dchaos.logs=FOLDER} keeps the children's logs.
 */
class ChaosIT {
  private static final List<String> MODELS = List.of("modelmap-demo/tiny-a", "modelmap-demo/tiny-a-copy", "modelmap-demo/tiny-b", "modelmap-demo/tiny-ab-mix-50");
  private static final String LINKED = "acme/linked-weights";
  private static final int TEXTS = 24;
  private static final int TASK_SIZE = 4;
  private static final int MAX_FAULTS = 8;
  /** Topics whose malformed records a service dead-letters: the aggregator's sources and views, and the workers' tasks. */
  private static final List<String> GARBAGE_TOPICS = List.of("text-scores", "corpus-texts", "mc-items", "mc-answers",
      "model-registered", "score-tasks");
  private static final AtomicInteger PASSED = new AtomicInteger();
  private static final AtomicInteger RUN = new AtomicInteger();
  private static final Map<String, AtomicInteger> FAULTS_RUN = new java.util.TreeMap<>();

  @TempDir
  Path dir;
  /** The children's logs: under {@code -Dchaos.logs=FOLDER} when given (kept for a replay), else in the temp folder. */
  private Path logs;

  static Stream<Long> seeds() {
    return Arrays.stream(System.getProperty("chaos.seeds", "101,202").split(",")).map(String::trim).map(Long::parseLong);
  }

  @AfterAll
  static void summary() {
    System.out.printf("chaos: %d of %d seeds passed; faults injected: %s%n", PASSED.get(), RUN.get(), FAULTS_RUN);
  }

  private record Garbage(String topic, byte[] bytes) {}

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void resultsEqualTheBatchReferenceWhateverIsKilled(long seed) throws Exception {
    RUN.incrementAndGet();
    System.out.println("chaos: seed " + seed);
    Random random = new Random(seed);
    String keptLogs = System.getProperty("chaos.logs");
    logs = keptLogs == null ? dir.resolve("logs") : Path.of(keptLogs, "seed-" + seed);
    Path models = dir.resolve("models");
    Map<String, Path> written = new java.util.HashMap<>();
    DemoModels.write(models).forEach(m -> written.put(m.id(), m.dir()));
    Path linked = linkedWeights(models, written.get(MODELS.get(0)));
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
    EmbeddedSchemaRegistry registry = null;
    List<ChildJvm> children = new ArrayList<>();
    try {
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        new TopicProvisioner(admin).createMissing(TopicNames.defaults(), 2, (short) 1);
      }
      registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), "_schemas", 0);
      int registryPort = URI.create(registry.url()).getPort();
      ConnectionConfig connection = ConnectionConfig.of(broker.bootstrapServers(), registry.url());
      List<CorpusText> corpus = new CorpusBuilder(new CorpusSpec(1024, 256, TEXTS, 3)).build(DemoCorpus.documents(6, 5));
      List<String> textIds = corpus.stream().map(CorpusText::textId).toList();
      try (Publisher publisher = new Publisher(connection)) {
        new CorpusPublisher(publisher, connection.topics().corpusTexts()).publish("chaos", corpus);
        for (String model : MODELS) {
          onboard(publisher, connection, model, written.get(model), textIds);
        }
        publisher.flush();
      }
      ChildJvm aggregator = aggregator(connection, children);
      List<ChildJvm> scorers = new ArrayList<>(List.of(scorer(connection, models, children),
          scorer(connection, models, children)));
      long started = System.nanoTime();
      boolean brokerRestarted = false;
      boolean linkedRegistered = false;
      boolean registryWasDown = false;
      double registryBackAt = -1;
      List<Garbage> garbage = new ArrayList<>();
      int faults = 0;
      int faultsWhileScoring = 0;
      double lastProgress = 0;
      TopicReader reader = new TopicReader(connection);
      while (!allComplete(reader, connection)) {
        // a hang guard, not a speed target: on a loaded 2-core runner each restarted scorer spends 10-40 s
        // starting PyTorch, so a seed takes 60-300 s
        assertThat(seconds(started)).as("seed %d: models complete within 10 minutes", seed).isLessThan(600);
        int pause = 2000 + random.nextInt(3000);
        // until the first fault, look often: on a fast runner the 96 texts are scored within one long pause
        Thread.sleep(faults == 0 ? 250 : pause);
        if (registryBackAt >= 0 && seconds(started) >= registryBackAt) {
          System.out.printf("chaos: seed %d at %.1f s: schema registry back%n", seed, seconds(started));
          registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), "_schemas", registryPort);
          registryBackAt = -1;
        }
        int counted = textsCounted(reader, connection);
        if (faults >= MAX_FAULTS || (faults == 0 && counted == 0)) {
          if (seconds(started) - lastProgress >= 4) {
            lastProgress = seconds(started);
            System.out.printf("chaos: seed %d at %.1f s: texts scored %s%n", seed, lastProgress, progress(reader, connection));
          }
          continue; // faults start once scoring has; after MAX_FAULTS the system is left to finish
        }
        List<String> kinds = new ArrayList<>(List.of("scorer", "aggregator", "garbage"));
        if (!brokerRestarted) {
          kinds.add("broker");
        }
        if (!registryWasDown) {
          kinds.add("registry");
        }
        if (!linkedRegistered && registryBackAt < 0) {
          kinds.add("linked-model");
        }
        String kind = kinds.get(random.nextInt(kinds.size()));
        faults++;
        FAULTS_RUN.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        if (counted > 0 && counted < MODELS.size() * TEXTS) {
          faultsWhileScoring++;
        }
        String at = String.format("chaos: seed %d at %.1f s (%d of %d texts counted): ", seed, seconds(started), counted,
            MODELS.size() * TEXTS);
        switch (kind) {
          case "scorer" -> {
            int which = random.nextInt(scorers.size());
            System.out.println(at + "SIGKILL scorer " + which + ", start another");
            scorers.get(which).kill();
            scorers.set(which, scorer(connection, models, children));
          }
          case "aggregator" -> {
            System.out.println(at + "SIGKILL the aggregator, restart it");
            aggregator.kill();
            aggregator = aggregator(connection, children);
          }
          case "broker" -> {
            System.out.println(at + "restart the broker");
            broker = broker.restart();
            brokerRestarted = true;
          }
          case "registry" -> {
            int downFor = 5 + random.nextInt(26);
            System.out.println(at + "schema registry down for " + downFor + " s");
            registry.close();
            registryBackAt = seconds(started) + downFor;
            registryWasDown = true;
          }
          case "garbage" -> {
            Garbage bad = new Garbage(GARBAGE_TOPICS.get(random.nextInt(GARBAGE_TOPICS.size())),
                malformed(random, garbage.size()));
            System.out.println(at + "malformed record on " + bad.topic());
            publishRaw(connection, bad);
            garbage.add(bad);
          }
          default -> {
            System.out.println(at + "register " + LINKED + ", whose weights link out of the model root");
            try (Publisher publisher = new Publisher(connection)) {
              onboard(publisher, connection, LINKED, linked, textIds);
            }
            linkedRegistered = true;
          }
        }
      }
      if (registryBackAt >= 0) {
        registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), "_schemas", registryPort);
      }
      System.out.printf("chaos: seed %d: all models complete after %.1f s and %d faults, %d while scoring%n", seed,
          seconds(started), faults, faultsWhileScoring);
      assertThat(faultsWhileScoring).as("seed %d: a fault hit while models were being scored", seed).isPositive();

      Path out = dir.resolve("out");
      new MapExporter(connection).export(out, "chaos");
      ExportedMap map = ExportedMap.read(out);
      assertThat(map.models()).containsExactlyInAnyOrderElementsOf(MODELS);
      map.assertMatchesBatchReference(out, 10);
      assertEveryTextCountedOnce(seed, reader, connection, map);
      assertDeadLettered(reader, connection, garbage);
      if (linkedRegistered) {
        assertAllTasksRefused(reader, connection);
      }
      PASSED.incrementAndGet();
    } finally {
      children.forEach(ChildJvm::kill);
      if (registry != null) {
        registry.close();
      }
      broker.close();
    }
  }

  private static void onboard(Publisher publisher, ConnectionConfig connection, String model, Path source,
      List<String> textIds) {
    new ModelOnboarding(publisher, connection.topics(), new TaskFanout(TASK_SIZE)).onboard(ModelRegistered.newBuilder()
        .setModelId(model).setSourceUri("file:" + source).setCorpusId("chaos").build(), textIds, Map.of());
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

  /** Bytes no schema reads, unique per record: not Avro at all, or an unknown schema id. */
  private static byte[] malformed(Random random, int n) {
    return random.nextBoolean() ? ("chaos garbage #" + n).getBytes(StandardCharsets.UTF_8)
        : new byte[] {0, 0, 0, 0x7f, 0x7f, 2, (byte) n, 'x'};
  }

  private static void publishRaw(ConnectionConfig connection, Garbage bad) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(bad.topic(), "chaos/garbage", bad.bytes())).get();
    }
  }

  /**
   * The first score of each (model, text) on {@code text-scores} (a model's scores share one partition,
   * so offsets order them) is what was counted: its row equals the exported L, its mean the published
   * mean, and the published count is the corpus size, however often a text was re-scored.
   */
  private static void assertEveryTextCountedOnce(long seed, TopicReader reader, ConnectionConfig connection,
      ExportedMap map) {
    Map<String, Map<String, Double>> first = new java.util.HashMap<>();
    int[] repeats = {0, 0};
    reader.readAll(connection.topics().textScores(), (model, scores) -> {
      Map<String, Double> row = first.computeIfAbsent(model, m -> new java.util.HashMap<>());
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

  /** Every malformed record is in its topic's dead-letter topic with its bytes: once when the aggregator read it (exactly once), at least once from a worker. */
  private static void assertDeadLettered(TopicReader reader, ConnectionConfig connection, List<Garbage> garbage) {
    for (String topic : garbage.stream().map(Garbage::topic).distinct().toList()) {
      List<byte[]> sent = garbage.stream().filter(g -> g.topic().equals(topic)).map(Garbage::bytes).toList();
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        List<byte[]> letters = new ArrayList<>();
        reader.readAll(connection.topics().deadLetters(topic), (k, letter) -> letters.add(letter.getOriginalValue().array()));
        if (topic.equals("score-tasks")) {
          assertThat(letters).as("dead letters of %s", topic).containsAll(sent);
        } else {
          assertThat(letters).as("dead letters of %s", topic).containsExactlyInAnyOrderElementsOf(sent);
        }
      });
    }
  }

  /** Every task of the model whose weights link out of the root is refused, never scored. */
  private static void assertAllTasksRefused(TopicReader reader, ConnectionConfig connection) {
    var tasks = connection.topics().scoreTasks().valueSerde().deserializer();
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      java.util.Set<String> refused = new java.util.HashSet<>();
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

  private static boolean allComplete(TopicReader reader, ConnectionConfig connection) {
    try {
      Map<String, ModelCoordinates> coordinates = reader.latestByKey(connection.topics().modelCoordinates());
      Map<String, NeighborList> neighbors = reader.latestByKey(connection.topics().modelNeighbors());
      return MODELS.stream().allMatch(m -> coordinates.containsKey(m) && coordinates.get(m).getComplete()
          && neighbors.containsKey(m) && !neighbors.get(m).getProvisional());
    } catch (RuntimeException e) {
      return false; // the registry is down: ask again later
    }
  }

  private static int textsCounted(TopicReader reader, ConnectionConfig connection) {
    try {
      return reader.latestByKey(connection.topics().modelCoordinates()).entrySet().stream()
          .filter(e -> MODELS.contains(e.getKey())).mapToInt(e -> e.getValue().getTextsScored()).sum();
    } catch (RuntimeException e) {
      return -1; // the registry is down
    }
  }

  private static String progress(TopicReader reader, ConnectionConfig connection) {
    Map<String, ModelCoordinates> coordinates;
    try {
      coordinates = reader.latestByKey(connection.topics().modelCoordinates());
    } catch (RuntimeException e) {
      return "unknown while the registry is down";
    }
    return MODELS.stream().map(m -> coordinates.containsKey(m) ? coordinates.get(m).getTextsScored() + "/" + TEXTS : "0/" + TEXTS)
        .collect(java.util.stream.Collectors.joining(" "));
  }

  private ChildJvm aggregator(ConnectionConfig connection, List<ChildJvm> children) throws Exception {
    return ChildJvm.start(logs, children, "aggregator", "--bootstrap-servers", connection.bootstrapServers(),
        "--schema-registry-url", connection.schemaRegistryUrl(), "--state-dir", dir.resolve("aggregator").toString(),
        "--application-id", "chaos", "--instance-id", "chaos-aggregator-0", "--no-api");
  }

  private ChildJvm scorer(ConnectionConfig connection, Path models, List<ChildJvm> children) throws Exception {
    return ChildJvm.start(logs, children, "scorer", "--bootstrap-servers", connection.bootstrapServers(),
        "--schema-registry-url", connection.schemaRegistryUrl(), "--model-root", models.toString(),
        "--group-id", "chaos-scorers", "--device", "cpu", "--metrics-port", "-1", "--batch-size", "4");
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  /** A {@code modelmap} command in its own JVM, output to a log file, killed with SIGKILL. */
  private record ChildJvm(Process process) {
    static ChildJvm start(Path logs, List<ChildJvm> all, String... args) throws Exception {
      Files.createDirectories(logs);
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.modelmap.cli.ModelMapCli"));
      command.addAll(List.of(args));
      Path log = logs.resolve(args[0] + "-" + System.nanoTime() + ".log");
      ChildJvm child = new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
      all.add(child);
      return child;
    }

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
