package io.modelmap.cli;

import io.modelmap.cli.operations.WatchHubCommand;
import io.modelmap.cli.runtime.LocalPipeline.LocalModel;
import io.modelmap.hub.HubSettings;
import io.modelmap.hubstandin.HubStandIn;
import io.modelmap.hubstandin.ListingCard;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.scorer.model.SafetensorsFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * {@code demo --watch}: a stand-in Hub on loopback publishes demo zoo checkpoints one {@code spacing} apart as real
 * Hub repositories (config.json, tokenizer.json, model.safetensors; listed on {@code /api/models} with their push
 * time, parameter count and licence), and {@code watch-hub} runs in this process against it with a rules file that
 * registers them: the local scorer fetches each from the stand-in, and the map grows without a command.
 */
final class HubWatchDemo implements AutoCloseable {
  /** The organisation the stand-in publishes under, and the one the rules follow. */
  static final String ORG = "modelmap-hub-demo";

  private final HubStandIn hub;
  private final List<LocalModel> models;
  private final Duration spacing;
  private final PrintStream out;
  private final Map<String, String> environment;
  private final ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "stand-in-hub-publisher");
    thread.setDaemon(true);
    return thread;
  });
  private final Thread watcher;
  private volatile boolean stopping;
  private volatile boolean watcherEnded;

  private HubWatchDemo(HubStandIn hub, List<LocalModel> models, Duration spacing, PrintStream out,
      Map<String, String> environment, String[] watchArgs) {
    this.hub = hub;
    this.models = models;
    this.spacing = spacing;
    this.out = out;
    this.environment = environment;
    CommandLine commandLine = ModelMapCli.commandLine(environment);
    ((WatchHubCommand) commandLine.getSubcommands().get("watch-hub").getCommand()).stopWhen(() -> stopping);
    this.watcher = new Thread(() -> {
      try {
        commandLine.execute(watchArgs);
      } finally {
        watcherEnded = true;
      }
    }, "hub-watcher");
    watcher.setDaemon(true);
  }

  /**
   * Starts the stand-in Hub and the watcher (rules under {@code dataDir}: follow {@link #ORG}, licence mit, map on
   * {@code corpus}); nothing is published before {@link #publish}.
   */
  static HubWatchDemo start(KafkaConnection connection, Path dataDir, List<LocalModel> models, String corpus,
      Duration spacing, PrintStream out) throws IOException {
    HubStandIn hub = HubStandIn.start();
    // since: the demo's start, so that a model published before the watcher's first look is still decided
    Path rules = Files.writeString(dataDir.resolve("watch-rules.yaml"), "corpus: " + corpus + "\norganizations: ["
        + ORG + "]\nlicenses: [mit]\nsince: " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n");
    Map<String, String> environment = Map.of("HF_ENDPOINT", hub.endpoint(), "HF_HOME",
        dataDir.resolve("hf").toAbsolutePath().toString());
    Duration interval = spacing.dividedBy(3).compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
        : spacing.dividedBy(3);
    String[] watchArgs = {"watch-hub", "--rules", rules.toString(), "--interval", interval.toString(),
        "--bootstrap-servers", connection.bootstrapServers(), "--schema-registry-url", connection.schemaRegistryUrl()};
    out.println("A stand-in Hugging Face Hub runs on " + hub.endpoint() + "; watch-hub follows it with " + rules
        + ", looking every " + interval.toSeconds() + " s");
    HubWatchDemo demo = new HubWatchDemo(hub, models, spacing, out, environment, watchArgs);
    demo.watcher.start();
    return demo;
  }

  /** The Hub settings the watcher uses, for the scorer that fetches what it registers. */
  HubSettings hubSettings() {
    return HubSettings.fromEnvironment(environment, Path.of(System.getProperty("user.home")));
  }

  /** The ids the watcher registers the published models under. */
  List<String> modelIds() {
    return models.stream().map(HubWatchDemo::hubId).toList();
  }

  /** Whether the watcher still runs (it stops only when this demo closes, or on an error it printed). */
  boolean watcherRunning() {
    return !watcherEnded;
  }

  /** Publishes the models on the stand-in, the first now and each next one {@code spacing} later. */
  void publish() {
    for (int i = 0; i < models.size(); i++) {
      LocalModel model = models.get(i);
      int number = i + 1;
      publisher.schedule(() -> push(model, number), spacing.multipliedBy(i).toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void push(LocalModel model, int number) {
    try {
      Map<String, byte[]> files = new LinkedHashMap<>();
      try (Stream<Path> listed = Files.list(model.dir())) {
        for (Path file : listed.sorted().toList()) {
          files.put(file.getFileName().toString(), Files.readAllBytes(file));
        }
      }
      String commit = hub.repo(hubId(model)).list(ListingCard.textGeneration(parameters(model), "mit"))
          .pushAt(files, Instant.now());
      out.println("The stand-in Hub published " + hubId(model) + " at " + commit.substring(0, 10) + " (" + number
          + " of " + models.size() + ")" + (number < models.size() ? "; the next in " + human(spacing) : ""));
    } catch (IOException e) {
      out.println("The stand-in Hub could not publish " + hubId(model) + ": " + e.getMessage());
    }
  }

  private static long parameters(LocalModel model) throws IOException {
    SafetensorsFile weights = SafetensorsFile.open(model.dir().resolve("model.safetensors"));
    long parameters = 0;
    for (String name : weights.names()) {
      parameters += Arrays.stream(weights.shape(name)).reduce(1, Math::multiplyExact);
    }
    return parameters;
  }

  private static String hubId(LocalModel model) {
    return ORG + model.id().substring(model.id().indexOf('/'));
  }

  private static String human(Duration duration) {
    return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
  }

  /** Stops the watcher (at its next pause, within a second), the publisher and the stand-in. */
  @Override
  public void close() throws InterruptedException {
    stopping = true;
    publisher.shutdownNow();
    watcher.join(Duration.ofSeconds(30).toMillis());
    hub.close();
  }
}
