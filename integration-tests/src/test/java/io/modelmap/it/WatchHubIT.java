package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.cli.ModelMapCli;
import io.modelmap.cli.runtime.EmbeddedSystem;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.Publisher;
import io.modelmap.kafka.TopicReader;
import io.modelmap.producer.corpus.CorpusBuilder;
import io.modelmap.producer.corpus.CorpusPublisher;
import io.modelmap.producer.corpus.CorpusSpec;
import io.modelmap.producer.corpus.CorpusText;
import io.modelmap.producer.corpus.DemoCorpus;
import io.modelmap.producer.registration.ModelRegistrar;
import io.modelmap.schemas.avro.HubDecision;
import io.modelmap.schemas.avro.HubDecisionKind;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.topic.TopicNames;
import io.modelmap.schemas.topic.TopicProvisioner;
import io.modelmap.hubstandin.HubStandIn;
import io.modelmap.hubstandin.ListingCard;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import io.modelmap.kafka.SingleActive;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watch-hub --once} on the embedded broker against the Hub stand-in on loopback: each run is a fresh
 * process state (a restart), reading back what it did from {@code hub-decisions} and {@code model-registered}.
 * One embedded system serves the whole class; each test watches on topics of its own ({@code --topic-prefix}), set
 * up by {@link #watched()}, so no test sees another's decisions, registrations or watcher group.
 */
class WatchHubIT {
  private static final Instant DAY = Instant.parse("2026-12-01T00:00:00Z");
  private static final AtomicInteger TESTS = new AtomicInteger();

  @TempDir
  static Path shared;
  private static EmbeddedSystem system;

  @TempDir
  Path dir;
  private HubStandIn hub;

  @BeforeAll
  static void startSystem() throws Exception {
    system = EmbeddedSystem.start(shared.resolve("system"), new PrintStream(OutputStream.nullOutputStream()), 0);
  }

  @AfterAll
  static void stopSystem() {
    if (system != null) {
      system.close();
    }
  }

  /** A test's own topics on the shared system: every topic under its prefix, corpus c published there. */
  private record Watched(KafkaConnection connection, String prefix) {
  }

  private static Watched watched() throws Exception {
    String prefix = "watch" + TESTS.incrementAndGet() + ".";
    KafkaConnection connection = system.connection().withTopicNames(TopicNames.withPrefix(prefix));
    try (Admin admin = Admin.create(connection.adminProperties())) {
      new TopicProvisioner(admin).createMissing(TopicNames.withPrefix(prefix), 1, (short) 1);
    }
    try (Publisher publisher = new Publisher(connection)) {
      List<CorpusText> corpus = new CorpusBuilder(new CorpusSpec(256, 64, 6, 1)).build(DemoCorpus.documents(3, 5));
      new CorpusPublisher(publisher, connection.topics().corpusTexts()).publish("c", corpus);
      publisher.flush();
    }
    return new Watched(connection, prefix);
  }

  @BeforeEach
  void startHub() throws Exception {
    hub = HubStandIn.start();
  }

  @AfterEach
  void stopHub() {
    hub.close();
  }

  private String push(String id, long parameters, int minute) {
    byte[] config = ("{\"model_type\": \"llama\", \"pushed\": " + minute + "}").getBytes(StandardCharsets.UTF_8);
    return hub.repo(id).list(ListingCard.textGeneration(parameters, "mit"))
        .pushAt(Map.of("config.json", config), DAY.plus(Duration.ofMinutes(minute)));
  }

  @Test
  void shouldRegisterNewModelsAndCommitsOnceEachInOrderAcrossRestartsSkippingByRuleAndHonouringRetryAfter()
      throws Exception {
    Watched watched = watched();
    // the models are pushed at DAY, before the watcher starts: since takes it back there
    String[] watch = watchArgs(watched, "corpus: c\nmax-parameters: 1000\nsince: " + DAY + "\n", "--once");

    String a1 = push("org/a", 100, 1);
    String big = push("org/big", 5000, 2);
    String b = push("org/b", 100, 3);
    Run first = run(watch);

    assertThat(first.exit()).as(first.output()).isZero();
    assertThat(decisionLines(first)).containsExactly(
        "registered org/a at " + a1 + " as org/a (model_type llama, 100 parameters, licence mit)",
        "skipped org/big at " + big + ": max-parameters: 5000 parameters, more than 1000",
        "registered org/b at " + b + " as org/b (model_type llama, 100 parameters, licence mit)");

    // a model registered by a watcher that stopped before recording its decision: not published again
    String d = push("org/d", 100, 4);
    try (Publisher publisher = new Publisher(watched.connection())) {
      new ModelRegistrar(publisher, watched.connection().topics().modelRegistered()).register(ModelRegistered
          .newBuilder().setModelId("org/d").setSourceUri("hf://org/d").setRevision(d).setCorpusId("c").build());
      publisher.flush();
    }
    String c = push("org/c", 100, 5);
    String a2 = push("org/a", 100, 6); // a new commit on main
    hub.fail(429, Optional.of(Duration.ofSeconds(2)), 1);
    long start = System.nanoTime();
    Run second = run(watch);

    assertThat(second.exit()).as(second.output()).isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(hub.requests()).filteredOn(r -> r.path().equals("/api/models")).hasSizeGreaterThanOrEqualTo(3);
    assertThat(decisionLines(second)).containsExactly(
        "registered org/d at " + d + " as org/d (model_type llama, 100 parameters, licence mit)",
        "registered org/c at " + c + " as org/c (model_type llama, 100 parameters, licence mit)",
        "registered org/a at " + a2 + " as org/a@" + a2 + " (model_type llama, 100 parameters, licence mit)");

    Run third = run(watch);
    assertThat(third.exit()).as(third.output()).isZero();
    assertThat(decisionLines(third)).isEmpty();

    TopicReader reader = new TopicReader(watched.connection());
    Map<String, HubDecision> decisions = reader.latestByKey(watched.connection().topics().hubDecisions());
    assertThat(decisions).containsOnlyKeys("org/a@" + a1, "org/big@" + big, "org/b@" + b, "org/d@" + d,
        "org/c@" + c, "org/a@" + a2);
    HubDecision skipped = decisions.get("org/big@" + big);
    assertThat(skipped.getDecision()).isEqualTo(HubDecisionKind.SKIPPED);
    assertThat(skipped.getRule()).isEqualTo("max-parameters");
    assertThat(skipped.getReason()).isEqualTo("5000 parameters, more than 1000");
    List<String> registrations = new ArrayList<>();
    reader.readAll(watched.connection().topics().modelRegistered(), (id, model) ->
        registrations.add(id + "=" + model.getRevision()));
    assertThat(registrations).containsExactlyInAnyOrder("org/a=" + a1, "org/b=" + b, "org/d=" + d, "org/c=" + c,
        "org/a@" + a2 + "=" + a2);
  }

  private String[] watchArgs(Watched watched, String rulesYaml, String... more) throws Exception {
    Path rules = Files.writeString(dir.resolve("rules.yaml"), rulesYaml);
    List<String> args = new ArrayList<>(List.of("watch-hub", "--rules", rules.toString(), "--bootstrap-servers",
        watched.connection().bootstrapServers(), "--schema-registry-url", watched.connection().schemaRegistryUrl(),
        "--topic-prefix", watched.prefix()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void shouldRegisterASkippedModelOnceWhenReplayedByHand() throws Exception {
    Watched watched = watched();
    // the stand-in's pushes are dated DAY, before the watcher starts: since takes the first look back there
    String[] once = watchArgs(watched, "corpus: c\nmax-parameters: 1000\nsince: " + DAY + "\n", "--once");
    String big = push("org/big", 5000, 1);
    assertThat(decisionLines(run(once))).containsExactly(
        "skipped org/big at " + big + ": max-parameters: 5000 parameters, more than 1000");
    String[] replay = watchArgs(watched, "corpus: c\nmax-parameters: 1000\nsince: " + DAY + "\n", "--replay", "org/big@" + big);

    Run first = run(replay);
    Run second = run(replay);
    Run unknown = run(watchArgs(watched, "corpus: c\n", "--replay", "org/none@" + "0".repeat(40)));
    Run after = run(once);

    assertThat(first.exit()).as(first.output()).isZero();
    assertThat(first.output()).contains("registered org/big at " + big + " as org/big (replayed by hand)");
    assertThat(second.exit()).as(second.output()).isZero();
    assertThat(second.output()).contains("already registered: org/big at " + big + " as org/big (replayed by hand)");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.output().lines()).contains("modelmap watch-hub: --replay org/none@" + "0".repeat(40) + " has no decision on"
        + " hub-decisions: only a model the watcher has decided on can be replayed (register --model registers"
        + " any other)");
    assertThat(after.output()).contains("Nothing new on the Hub");
    TopicReader reader = new TopicReader(watched.connection());
    HubDecision decision = reader.latestByKey(watched.connection().topics().hubDecisions()).get("org/big@" + big);
    assertThat(decision.getDecision()).isEqualTo(HubDecisionKind.REGISTERED);
    assertThat(decision.getRule()).isEqualTo("replay");
    assertThat(decision.getReason()).isEqualTo("replayed by hand");
    List<String> registrations = new ArrayList<>();
    reader.readAll(watched.connection().topics().modelRegistered(), (id, model) ->
        registrations.add(id + "=" + model.getRevision()));
    assertThat(registrations).containsExactly("org/big=" + big);
  }

  @Test
  void shouldRegisterEachModelOnceWhenTwoWatchersFollowOneRuleSetAtOnce() throws Exception {
    Watched watched = watched();
    // the stand-in's pushes are dated DAY, before the watchers start: since takes the first look back there
    String[] once = watchArgs(watched, "corpus: c\nsince: " + DAY + "\n", "--once");
    String a = push("org/a", 100, 1);
    String b = push("org/b", 100, 2);
    String c = push("org/c", 100, 3);
    Map<String, String> env = Map.of("HF_HOME", dir.resolve("hf").toString(), "HF_ENDPOINT", hub.endpoint());
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> first = two.submit(() -> ModelMapCli.commandLine(env).execute(once));
      Future<Integer> second = two.submit(() -> ModelMapCli.commandLine(env).execute(once));

      assertThat(first.get(3, TimeUnit.MINUTES)).isZero();
      assertThat(second.get(3, TimeUnit.MINUTES)).isZero();
    } finally {
      two.shutdownNow();
    }

    TopicReader reader = new TopicReader(watched.connection());
    List<String> registrations = new ArrayList<>();
    reader.readAll(watched.connection().topics().modelRegistered(), (id, model) ->
        registrations.add(id + "=" + model.getRevision()));
    assertThat(registrations).containsExactlyInAnyOrder("org/a=" + a, "org/b=" + b, "org/c=" + c);
    List<String> decided = new ArrayList<>();
    reader.readAll(watched.connection().topics().hubDecisions(), (key, decision) -> decided.add(key));
    assertThat(decided).containsExactlyInAnyOrder("org/a@" + a, "org/b@" + b, "org/c@" + c);
  }

  /** The first start is stored on hub-decisions: a restart before any decision reads back to it, not to its own. */
  @Test
  void shouldRegisterOnceAModelPushedBetweenAFirstStartAndARestartBeforeAnyDecision() throws Exception {
    Watched watched = watched();
    String[] once = watchArgs(watched, "corpus: c\n", "--once"); // no since: a first start begins at itself
    Run first = run(once);
    Instant pushed = Instant.now();
    byte[] config = "{\"model_type\": \"llama\"}".getBytes(StandardCharsets.UTF_8);
    String between = hub.repo("org/between").list(ListingCard.textGeneration(100, "mit"))
        .pushAt(Map.of("config.json", config), pushed);

    Run restart = run(once);
    Run again = run(once);

    assertThat(first.exit()).as(first.output()).isZero();
    assertThat(first.output()).contains("Nothing new on the Hub");
    assertThat(restart.exit()).as(restart.output()).isZero();
    assertThat(decisionLines(restart)).containsExactly("registered org/between at " + between
        + " as org/between (model_type llama, 100 parameters, licence mit)");
    assertThat(decisionLines(again)).isEmpty();
    TopicReader reader = new TopicReader(watched.connection());
    Map<String, HubDecision> decisions = reader.latestByKey(watched.connection().topics().hubDecisions());
    assertThat(decisions).containsOnlyKeys("watcher-started", "org/between@" + between);
    assertThat(decisions.get("watcher-started").getDecision()).isEqualTo(HubDecisionKind.STARTED);
    assertThat(decisions.get("watcher-started").getLastModifiedMs()).isLessThan(pushed.toEpochMilli());
    List<String> registrations = new ArrayList<>();
    reader.readAll(watched.connection().topics().modelRegistered(), (id, model) ->
        registrations.add(id + "=" + model.getRevision()));
    assertThat(registrations).containsExactly("org/between=" + between);
  }

  @Test
  void shouldGiveUpALookOnceInOneLineWhileAnotherWatcherStaysActive() throws Exception {
    Watched watched = watched();
    String[] once = watchArgs(watched, "corpus: c\nsince: " + DAY + "\n", "--once", "--once-wait", "5s");
    push("org/a", 100, 1);
    String group = watched.connection().topics().hubDecisions().name() + "-watchers"; // as OPERATIONS names it
    try (SingleActive other = new SingleActive(watched.connection(), group,
        watched.connection().topics().hubDecisions(), java.time.Clock.systemUTC())) {
      other.awaitLease(Duration.ofMinutes(1), () -> { });

      Run run = run(once);

      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.output()).contains("another watcher is still active after").contains("(consumer group " + group
          + ")").doesNotContain("\tat ");
      assertThat(new TopicReader(watched.connection()).latestByKey(watched.connection().topics().hubDecisions()))
          .isEmpty();
    }
  }

  private static List<String> decisionLines(Run run) {
    return run.output().lines().filter(l -> l.startsWith("registered ") || l.startsWith("skipped ")).toList();
  }

  private record Run(int exit, String output) {
  }

  private Run run(String... args) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    int exit;
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
      exit = ModelMapCli.commandLine(Map.of("HF_HOME", dir.resolve("hf").toString(), "HF_ENDPOINT", hub.endpoint()))
          .execute(args);
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
    String output = printed.toString(StandardCharsets.UTF_8);
    originalOut.print(output);
    return new Run(exit, output);
  }
}
