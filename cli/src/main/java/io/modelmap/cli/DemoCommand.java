package io.modelmap.cli;

import io.modelmap.cli.runtime.AgreementTable;
import io.modelmap.cli.runtime.EmbeddedSystem;
import io.modelmap.cli.runtime.LineageTable;
import io.modelmap.cli.runtime.LocalPipeline;
import io.modelmap.cli.runtime.LocalPipeline.LocalModel;
import io.modelmap.cli.runtime.NeighborTable;
import io.modelmap.cli.runtime.ZooSummary;
import io.modelmap.cli.support.DurationConverter;
import io.modelmap.cli.support.GenerationOptions;
import io.modelmap.cli.support.UsageError;
import io.modelmap.producer.benchmark.ContinuationBenchmark;
import io.modelmap.producer.benchmark.DemoBenchmark;
import io.modelmap.producer.corpus.CorpusBuilder;
import io.modelmap.producer.corpus.CorpusSpec;
import io.modelmap.producer.corpus.CorpusText;
import io.modelmap.producer.corpus.DemoCorpus;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.producer.responses.DemoPrompts;
import io.modelmap.schemas.avro.PromptText;
import io.modelmap.scorer.demo.DemoModels;
import io.modelmap.scorer.worker.HubCheckpoints;
import io.modelmap.scorer.worker.ScorerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelmap demo}: the whole pipeline on the embedded default with the bundled tiny models. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start the embedded default, score the demo corpus and answer the demo benchmark with the bundled"
        + " demo zoo (small GPT-2s trained with modelmap train), print the map, what it shows, and the agreement table.")
final class DemoCommand implements Callable<Integer> {
  private static final String CORPUS = "demo";
  /**
   * Items of the continuation benchmark the zoo answers (chance: 1/4): more than the 50 answered questions the
   * router needs before its first training (EmbeddingSettings.minQuestions), so the demo's /api/route answers.
   */
  private static final int ZOO_ITEMS = 60;
  /** The zoo's 128-position context holds the start token and 127 bytes: each text is one forward pass. */
  private static final int ZOO_TEXT_BYTES = 127;
  /** The zoo models --watch publishes: two bases and a fine-tune that lands by its base. */
  private static final List<String> WATCHED = List.of("prose-a", "code-a", "prose-a-legal-light");

  @Option(names = "--texts", defaultValue = "200", description = "Texts in the demo corpus (default ${DEFAULT-VALUE}).")
  int texts;

  @Option(names = "--random-models", description = "Map random-weight models (no meaningful map; for tests of the"
      + " pipeline) instead of the trained zoo.")
  boolean randomModels;

  @Option(names = "--respond", description = "The zoo also continues the opening of 40 demo texts (generation),"
      + " and their responses are compared beside the KL map (lineage); or give --prompts.")
  boolean respond;

  @Option(names = "--watch", description = "Instead of registering the zoo: a stand-in Hugging Face Hub on loopback"
      + " publishes three zoo models one --watch-spacing apart, watch-hub follows it and registers them, and the map"
      + " grows by itself (open the dashboard).")
  boolean watch;

  @Option(names = "--watch-spacing", converter = DurationConverter.class, defaultValue = "1m",
      description = "With --watch: the time between two models the stand-in Hub publishes, " + DurationConverter.FORMS
          + " (default ${DEFAULT-VALUE}); the watcher looks three times as often (at least every second).")
  Duration watchSpacing;

  @Mixin
  GenerationOptions generation;

  @Mixin
  LocalRunOptions run;

  /** Prompts of --respond: the first characters of demo texts, leaving the rest of the context to the response. */
  private static final int PROMPT_CHARS = 48;
  private static final int PROMPT_COUNT = 40;

  @Override
  public Integer call() throws Exception {
    List<PromptText> given = generation.read(); // a mistake in the prompt file stops the demo before it starts
    if (texts < 1) {
      throw new UsageError("--texts must be at least 1, not " + texts);
    }
    if (watch && (randomModels || respond || !given.isEmpty())) {
      throw new UsageError("--watch maps the three trained zoo models the watcher registers: drop --random-models,"
          + " --respond and --prompts");
    }
    run.preflight();
    try (EmbeddedSystem system = run.start("demo");
        LocalPipeline pipeline = new LocalPipeline(system.connection(), System.out, Clock.systemUTC())) {
      KafkaConnection connection = system.connection();
      Path dir = system.dataDir();
      List<LocalModel> models = (randomModels ? DemoModels.write(dir.resolve("models")) : DemoModels.zoo(dir.resolve("models")))
          .stream().map(m -> new LocalModel(m.id(), m.dir(), m.family(), m.type())).toList();
      System.out.println("Wrote " + models.size() + (randomModels ? " random-weight" : " trained") + " demo models under "
          + dir.resolve("models"));
      CorpusSpec spec = randomModels ? new CorpusSpec(1024, 256, texts, 7) : new CorpusSpec(ZOO_TEXT_BYTES, 64, texts, 7);
      List<CorpusText> corpus = new CorpusBuilder(spec).build(DemoCorpus.documents(20, 2024));
      pipeline.publishCorpus(CORPUS, corpus);
      if (watch) {
        return followTheHub(system, pipeline, models, corpus);
      }
      if (randomModels) {
        pipeline.publishBenchmark(DemoBenchmark.ID, DemoBenchmark.items().items());
      } else {
        pipeline.publishBenchmark(ContinuationBenchmark.ID, ContinuationBenchmark.items(ZOO_ITEMS));
      }
      List<PromptText> prompts = !given.isEmpty() ? given
          : respond ? DemoPrompts.of(corpus, PROMPT_COUNT, PROMPT_CHARS) : List.of();
      pipeline.usePrompts(prompts, generation.spec());
      pipeline.register(models, CORPUS, corpus, "float32");
      pipeline.startScorer(List.of(dir.resolve("models")), "cpu", 8);
      system.watch("local scorer", pipeline::scorerRunning);
      pipeline.watchAggregator(system::aggregatorAlive);
      pipeline.awaitMap(corpus.size(), Duration.ofMinutes(60));
      NeighborTable.print(connection, 3, System.out);
      if (!randomModels) {
        ZooSummary.read(connection, models).print(System.out);
      }
      pipeline.awaitAgreement(Duration.ofMinutes(10));
      AgreementTable agreement = AgreementTable.read(connection);
      agreement.printModels(System.out);
      agreement.printSummary(System.out);
      if (pipeline.hasPrompts()) {
        pipeline.awaitResponses(Duration.ofMinutes(10));
        LineageTable.print(connection, 3, System.out);
      }
      return run.finish(system, CORPUS, true, pipeline.hasPrompts());
    }
  }

  /** {@code --watch}: three zoo models appear on a stand-in Hub, and the watcher puts them on the map. */
  private int followTheHub(EmbeddedSystem system, LocalPipeline pipeline, List<LocalModel> zoo,
      List<CorpusText> corpus) throws Exception {
    List<LocalModel> published = WATCHED.stream().map(name -> zoo.stream()
        .filter(m -> m.id().equals(DemoModels.ORG + "/" + name)).findFirst().orElseThrow()).toList();
    try (HubWatchDemo hub = HubWatchDemo.start(system.connection(), system.dataDir(), published, CORPUS, watchSpacing,
        System.out)) {
      pipeline.startScorer(List.of(system.dataDir().resolve("models")), "cpu", 8,
          HubCheckpoints.of(hub.hubSettings(), ScorerConfig.DEFAULT_MAX_MODEL_BYTES));
      system.watch("local scorer", pipeline::scorerRunning);
      pipeline.watchAggregator(system::aggregatorAlive);
      pipeline.watchPart("Hub watcher", hub::watcherRunning);
      pipeline.expect(hub.modelIds(), corpus.size());
      System.out.println("Open " + system.dashboardUrl() + " to see the map grow: each model the watcher registers"
          + " appears there once scored, and the Hub decisions panel lists what it decided");
      hub.publish();
      pipeline.awaitMap(corpus.size(), Duration.ofMinutes(60));
    }
    NeighborTable.print(system.connection(), 3, System.out);
    return run.finish(system, CORPUS, false, false);
  }
}
