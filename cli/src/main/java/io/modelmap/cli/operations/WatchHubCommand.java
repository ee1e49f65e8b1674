package io.modelmap.cli.operations;

import io.modelmap.cli.runtime.PublishedCorpora;
import io.modelmap.cli.support.ClusterOptions;
import io.modelmap.cli.runtime.CannotFinish;
import io.modelmap.cli.support.DurationConverter;
import io.modelmap.cli.support.HubOptions;
import io.modelmap.cli.support.UsageError;
import io.modelmap.cli.watch.DecisionReplay;
import io.modelmap.cli.watch.HubWatcher;
import io.modelmap.cli.watch.LookLimit;
import io.modelmap.cli.watch.RulesFile;
import io.modelmap.cli.watch.WatchRules;
import io.modelmap.cli.watch.WatchState;
import io.modelmap.hub.HubClient;
import io.modelmap.hub.HubException;
import io.modelmap.hub.HubSettings;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.Publisher;
import io.modelmap.kafka.SingleActive;
import io.modelmap.kafka.TopicReader;
import io.modelmap.schemas.avro.HubDecision;
import io.modelmap.schemas.avro.HubDecisionKind;
import io.modelmap.schemas.avro.McItem;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.scorer.model.CausalLmLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code modelmap watch-hub}: follows the Hub's listing and registers each new model or commit the rules let
 * through, every decision on {@code hub-decisions}; restarts where the decisions on that topic left off.
 */
@Command(name = "watch-hub", mixinStandardHelpOptions = true,
    description = "Follow the Hugging Face Hub's model listing and register each new model or commit the rules file"
        + " lets through; every decision (registered, or skipped and why) goes to hub-decisions. A first start"
        + " (nothing on hub-decisions yet) decides the models pushed from the moment it started on, not the whole"
        + " Hub, and stores that moment there: a restart before any decision goes on from it. Set since in the"
        + " rules file to start further back.")
public final class WatchHubCommand implements Callable<Integer> {
  /** How long a start waits for the lease before it says that another watcher holds it. */
  private static final Duration NOTICE = Duration.ofSeconds(15);
  /** How often a pause between two looks checks {@link #stopWhen}. */
  private static final Duration STOP_CHECK = Duration.ofSeconds(1);

  private BooleanSupplier stop = () -> false;

  @Mixin
  ClusterOptions connection;

  @Mixin
  HubOptions hub;

  @Option(names = "--rules", required = true, paramLabel = "FILE",
      description = "Rules file (YAML or JSON): organisations, name patterns, max parameters, licences, gated,"
          + " architectures, corpus, benchmarks, models per hour; see cli/README.md.")
  Path rulesFile;

  @Option(names = "--interval", converter = DurationConverter.class, defaultValue = "10m",
      description = "Time between two looks at the Hub, " + DurationConverter.FORMS + " (default ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(names = "--once", description = "Look once, decide what is new, and exit.")
  boolean once;

  @Option(names = "--once-wait", converter = DurationConverter.class, defaultValue = "2m",
      description = "With --once: how long to wait while another watcher is active before giving up, "
          + DurationConverter.FORMS + " (default ${DEFAULT-VALUE}).")
  Duration onceWait;

  @Option(names = "--pages-per-look", defaultValue = "20", paramLabel = "N",
      description = "The most listing pages (100 models each) one look reads; a longer backlog is taken over the"
          + " next looks, each going on where the last stopped (default ${DEFAULT-VALUE}).")
  int pagesPerLook;

  @Option(names = "--replay", paramLabel = "ORG/NAME@COMMIT",
      description = "Register this skipped model once, whatever the rules say (its decision becomes registered,"
          + " 'replayed by hand'), and exit.")
  String replay;

  @Option(names = "--texts-per-task", defaultValue = "50", description = "Texts or items per score task (default ${DEFAULT-VALUE}).")
  int perTask;

  @Override
  public Integer call() throws Exception {
    WatchRules rules;
    try {
      rules = RulesFile.read(rulesFile, CausalLmLoader.supportedModelTypes());
    } catch (IllegalArgumentException e) {
      throw new UsageError("--rules " + e.getMessage());
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new UsageError("--interval must be longer than zero, was " + interval);
    }
    LookLimit limit;
    try {
      limit = new LookLimit(pagesPerLook);
    } catch (IllegalArgumentException e) {
      throw new UsageError("--pages-per-look: " + e.getMessage());
    }
    HubSettings settings = hub.settings();
    if (settings.offline()) {
      throw new UsageError("watch-hub reads the Hub's listing: unset HF_HUB_OFFLINE");
    }
    KafkaConnection target = connection.external();
    TopicReader reader = new TopicReader(target);
    List<String> textIds = PublishedCorpora.read(target).corpus(rules.corpus()).texts().stream()
        .map(TextChunk::getTextId).toList();
    if (textIds.isEmpty()) {
      throw new UsageError("--rules " + rulesFile + ": corpus '" + rules.corpus() + "' has no texts in "
          + target.topics().corpusTexts().name() + "; publish it first with modelmap corpus --corpus-id "
          + rules.corpus() + " --corpus FILE");
    }
    Map<String, List<String>> itemIds = itemIds(reader, target, rules);
    HubClient client = HubClient.builder(settings).build();
    try (Publisher publisher = new Publisher(target)) {
      HubWatcher.DecisionSink sink = (key, decision) -> {
        publisher.send(target.topics().hubDecisions(), key, decision);
        publisher.flush();
      };
      if (replay != null) {
        return replay(new DecisionReplay(rules, registrar(reader, target, publisher, rules, textIds, itemIds), sink,
            Clock.systemUTC()), reader.latestByKey(target.topics().hubDecisions()));
      }
      try (SingleActive lease = new SingleActive(target, group(target), target.topics().hubDecisions(),
          Clock.systemUTC())) {
        if (once) {
          awaitLeaseOnce(lease, target);
        } else {
          awaitLease(lease, target);
        }
        // read once the lease is held: what a watcher active before this one decided is never decided again
        WatchState state = WatchState.of(reader.latestByKey(target.topics().hubDecisions()));
        // a restart before any decision reads back to the first start, not to its own
        state.recordStart(Clock.systemUTC().instant(), rules.since())
            .ifPresent(started -> sink.record(WatchState.STARTED_KEY, started));
        WatchRegistrar registrar = registrar(reader, target, publisher, rules, textIds, itemIds);
        HubWatcher watcher = new HubWatcher(client.listing(), client::modelType, rules,
            settings.token().isPresent(), state, registrar, sink, Clock.systemUTC(), limit);
        System.out.println("Watching " + settings.endpoint() + " for " + rules.pipelineTag() + " models"
            + (rules.organizations().isEmpty() ? "" : " of " + rules.organizations()) + (once ? ", once"
            : ", every " + human(interval)));
        while (!stop.getAsBoolean()) {
          look(watcher);
          if (once) {
            return 0;
          }
          if (!pause(lease)) {
            awaitLease(lease, target);
            state.catchUp(reader.latestByKey(target.topics().hubDecisions()));
            registrar.catchUp(reader.latestByKey(target.topics().modelRegistered()));
          }
        }
        return 0;
      }
    }
  }

  /**
   * Makes a watcher run in this process (demo --watch) stop within a second of {@code stop} answering true, at its
   * pause between two looks, with exit code 0; the command line's watcher runs until the process ends.
   */
  public void stopWhen(BooleanSupplier stop) {
    this.stop = stop;
  }

  /** The pause between two looks, in slices of at most a second so that a stop is seen; whether the lease held. */
  private boolean pause(SingleActive lease) {
    Instant end = Instant.now().plus(interval);
    boolean held = true;
    while (held && !stop.getAsBoolean() && Instant.now().isBefore(end)) {
      Duration left = Duration.between(Instant.now(), end);
      held = lease.holdFor(left.compareTo(STOP_CHECK) < 0 ? left : STOP_CHECK);
    }
    return held;
  }

  /** One active watcher per cluster (per topic prefix): the group is named after the decisions topic. */
  static String group(KafkaConnection target) {
    return target.topics().hubDecisions().name() + "-watchers";
  }

  private static void awaitLease(SingleActive lease, KafkaConnection target) {
    lease.awaitLease(NOTICE, () -> System.out.println("Another watcher is active (consumer group " + group(target)
        + "); waiting to take over when it stops"));
  }

  /** A one-off look gives up when another watcher stays active: that one is already looking at the Hub. */
  private void awaitLeaseOnce(SingleActive lease, KafkaConnection target) {
    if (!lease.awaitLease(NOTICE, () -> System.out.println("Another watcher is active (consumer group "
        + group(target) + "); waiting up to " + human(onceWait) + " for it to stop"), Optional.of(onceWait))) {
      throw new CannotFinish("another watcher is still active after " + human(onceWait) + " (consumer group "
          + group(target) + "); it is looking at the Hub already: stop it, or raise --once-wait");
    }
  }

  private WatchRegistrar registrar(TopicReader reader, KafkaConnection target, Publisher publisher, WatchRules rules,
      List<String> textIds, Map<String, List<String>> itemIds) {
    return new WatchRegistrar(publisher, target.topics(), rules, perTask,
        new HashMap<>(reader.latestByKey(target.topics().modelRegistered())), textIds, itemIds);
  }

  private int replay(DecisionReplay replayer, Map<String, HubDecision> decisions) {
    Optional<HubDecision> replayed;
    try {
      replayed = replayer.replay(decisions, replay);
    } catch (IllegalArgumentException e) {
      throw new UsageError("--replay " + e.getMessage());
    }
    HubDecision decision = replayed.orElseGet(() -> decisions.get(replay));
    System.out.println((replayed.isPresent() ? "registered " : "already registered: ") + decision.getRepo() + " at "
        + decision.getCommit() + " as " + decision.getModelId() + " (" + decision.getReason() + ")");
    return 0;
  }

  private void look(HubWatcher watcher) {
    HubWatcher.Poll poll;
    try {
      poll = watcher.poll();
    } catch (HubException e) {
      if (once) {
        throw e;
      }
      System.out.println("The Hub could not be read this time: " + e.getMessage() + "; trying again in "
          + human(interval));
      return;
    }
    for (HubDecision decision : poll.decisions()) {
      System.out.println(decision.getDecision() == HubDecisionKind.REGISTERED
          ? "registered " + decision.getRepo() + " at " + decision.getCommit() + " as " + decision.getModelId() + " ("
              + decision.getReason() + ")"
          : "skipped " + decision.getRepo() + " at " + decision.getCommit() + ": " + decision.getRule() + ": "
              + decision.getReason());
    }
    poll.fault().ifPresent(fault -> System.out.println("WARN protocol fault: " + fault));
    if (poll.decisions().isEmpty() && poll.waiting() == 0 && !poll.pagesLeft() && poll.fault().isEmpty()) {
      System.out.println("Nothing new on the Hub");
    }
    if (poll.pagesLeft()) {
      System.out.println("Read " + pagesPerLook + " listing pages (--pages-per-look); the next look goes on from"
          + " there");
    }
    if (poll.waiting() > 0) {
      System.out.println(poll.waiting() + " more wait for the rate limit (models-per-hour)");
    }
  }

  private static String human(Duration duration) {
    return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
  }

  private static Map<String, List<String>> itemIds(TopicReader reader, KafkaConnection target, WatchRules rules) {
    Map<String, List<String>> itemIds = new HashMap<>();
    if (rules.benchmarks().isEmpty()) {
      return itemIds;
    }
    for (McItem item : reader.latestByKey(target.topics().mcItems()).values()) {
      itemIds.computeIfAbsent(item.getBenchmarkId().toString(), b -> new ArrayList<>()).add(item.getItemId().toString());
    }
    for (String benchmark : rules.benchmarks()) {
      if (!itemIds.containsKey(benchmark)) {
        throw new UsageError("--rules: benchmark '" + benchmark + "' has no items in mc-items; publish it with"
            + " import-items first");
      }
    }
    return itemIds;
  }
}
