package io.modelmap.cli;

import io.modelmap.cli.runtime.AgreementTable;
import io.modelmap.cli.runtime.AgreementWaiter;
import io.modelmap.cli.runtime.EmbeddedSystem;
import io.modelmap.cli.runtime.NeighborTable;
import io.modelmap.cli.runtime.ResultWaiter;
import io.modelmap.cli.transfer.AgreementExporter;
import io.modelmap.cli.transfer.MapExporter;
import io.modelmap.producer.benchmark.BenchmarkPublisher;
import io.modelmap.producer.benchmark.DemoBenchmark;
import io.modelmap.producer.corpus.CorpusBuilder;
import io.modelmap.producer.corpus.CorpusPublisher;
import io.modelmap.producer.corpus.CorpusText;
import io.modelmap.producer.corpus.DemoCorpus;
import io.modelmap.producer.corpus.Utf8Chunker;
import io.modelmap.producer.fanout.ModelOnboarding;
import io.modelmap.producer.fanout.TaskFanout;
import io.modelmap.producer.kafka.ConnectionConfig;
import io.modelmap.producer.kafka.Publisher;
import io.modelmap.schemas.avro.McItem;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.key.CompositeKey;
import io.modelmap.scorer.demo.DemoModels;
import io.modelmap.scorer.worker.ScorerConfig;
import io.modelmap.scorer.worker.ScorerWorker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code modelmap demo}: the whole pipeline on the embedded default with the bundled tiny models. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start the embedded default, score the demo corpus and answer the demo benchmark with the bundled"
        + " demo models, print the map and the agreement table.")
final class DemoCommand implements Callable<Integer> {
  private static final String CORPUS = "demo";

  @Option(names = "--texts", defaultValue = "200", description = "Texts in the demo corpus (default ${DEFAULT-VALUE}).")
  int texts;

  @Option(names = "--data-dir", description = "Data folder (default: a fresh folder under .modelmap/).")
  Path dataDir;

  @Option(names = "--export-to", description = "Export the map as CSV to this folder before exiting.")
  Path exportTo;

  @Option(names = "--api-port", defaultValue = "8080",
      description = "Port of the dashboard and query API on loopback (default ${DEFAULT-VALUE}; any free port if taken).")
  int apiPort;

  @Option(names = "--serve", description = "Keep the broker, registry, aggregator and scorer running after the demo (Ctrl-C to stop).")
  boolean serve;

  @Override
  public Integer call() throws Exception {
    Path dir = dataDir != null ? dataDir : EmbeddedSystem.freshDataDir("demo");
    try (EmbeddedSystem system = EmbeddedSystem.start(dir, System.out, apiPort)) {
      ConnectionConfig connection = system.connection();
      List<DemoModels.DemoModel> models = DemoModels.write(dir.resolve("models"));
      System.out.println("Wrote " + models.size() + " demo models under " + dir.resolve("models"));
      List<CorpusText> corpus = new CorpusBuilder(Utf8Chunker.paperDefaults())
          .build(DemoCorpus.documents(20, 2024), texts, 7);
      List<McItem> items = DemoBenchmark.items().items();
      Map<String, Integer> expected = new LinkedHashMap<>();
      try (Publisher publisher = new Publisher(connection)) {
        new CorpusPublisher(publisher, connection.topics().corpusTexts()).publish(CORPUS, corpus);
        System.out.println("Published corpus '" + CORPUS + "': " + corpus.size() + " texts (prose, code, legal, tables)");
        new BenchmarkPublisher(publisher, connection.topics()).publishItems(items);
        System.out.println("Published benchmark '" + DemoBenchmark.ID + "': " + items.size() + " multiple-choice items");
        register(publisher, connection, models, corpus, items, expected);
      }
      ScorerWorker worker = new ScorerWorker(connection,
          new ScorerConfig("modelmap-scorer", "demo-scorer", List.of(dir.resolve("models")), 8), Clock.systemUTC());
      Thread scorer = new Thread(worker, "scorer-worker");
      scorer.start();
      try {
        System.out.println("Scoring on CPU (one worker) ...");
        new ResultWaiter(connection, System.out, Clock.systemUTC()).await(expected, corpus.size(), Duration.ofMinutes(60));
        NeighborTable.print(connection, 3, System.out);
        new AgreementWaiter(connection, System.out, Clock.systemUTC())
            .await(allPairs(expected.keySet(), items.size()), answeredByModel(expected.keySet(), items.size()),
                Duration.ofMinutes(10));
        AgreementTable agreement = AgreementTable.read(connection);
        agreement.printModels(System.out);
        agreement.printSummary(System.out);
        if (exportTo != null) {
          new MapExporter(connection).export(exportTo, CORPUS);
          new AgreementExporter(connection).export(exportTo);
          System.out.println("Exported to " + exportTo.toAbsolutePath());
        }
        if (serve) {
          System.out.println("Serving: dashboard " + system.dashboardUrl() + ", bootstrap "
              + connection.bootstrapServers() + ", schema registry " + connection.schemaRegistryUrl() + ". Ctrl-C to stop.");
          CountDownLatch stop = new CountDownLatch(1);
          Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
          stop.await();
        }
      } finally {
        worker.close();
        scorer.join();
      }
    }
    return 0;
  }

  private static void register(Publisher publisher, ConnectionConfig connection, List<DemoModels.DemoModel> models,
      List<CorpusText> corpus, List<McItem> items, Map<String, Integer> expected) {
    ModelOnboarding onboarding = new ModelOnboarding(publisher, connection.topics(), new TaskFanout(20));
    List<String> textIds = corpus.stream().map(CorpusText::textId).toList();
    Map<String, List<String>> itemIds = Map.of(DemoBenchmark.ID,
        items.stream().map(i -> i.getItemId().toString()).toList());
    for (DemoModels.DemoModel model : models) {
      onboarding.onboard(ModelRegistered.newBuilder().setModelId(model.id())
          .setSourceUri("file:" + model.dir().toAbsolutePath()).setFamily(model.family()).setModelType(model.type())
          .setCorpusId(CORPUS).setBenchmarks(List.of(DemoBenchmark.ID))
          .setRegisteredAtMs(System.currentTimeMillis()).build(), textIds, itemIds);
      expected.put(model.id(), corpus.size());
    }
    publisher.flush();
    System.out.println("Registered " + models.size() + " models and fanned them out into score tasks");
  }

  private static Map<String, Long> allPairs(Set<String> models, long items) {
    List<String> sorted = models.stream().sorted().toList();
    Map<String, Long> pairs = new TreeMap<>();
    for (int i = 0; i < sorted.size(); i++) {
      for (int j = i + 1; j < sorted.size(); j++) {
        pairs.put(CompositeKey.of(sorted.get(i), sorted.get(j)), items);
      }
    }
    return pairs;
  }

  private static Map<String, Long> answeredByModel(Set<String> models, long items) {
    Map<String, Long> answered = new TreeMap<>();
    models.forEach(m -> answered.put(m, items));
    return answered;
  }
}
