package io.modelmap.cli;

import io.modelmap.cli.runtime.EmbeddedSystem;
import io.modelmap.cli.runtime.NeighborTable;
import io.modelmap.cli.runtime.ResultWaiter;
import io.modelmap.cli.transfer.MapExporter;
import io.modelmap.producer.corpus.CorpusBuilder;
import io.modelmap.producer.corpus.CorpusPublisher;
import io.modelmap.producer.corpus.CorpusText;
import io.modelmap.producer.corpus.DemoCorpus;
import io.modelmap.producer.corpus.Utf8Chunker;
import io.modelmap.producer.fanout.TaskFanout;
import io.modelmap.producer.kafka.ConnectionConfig;
import io.modelmap.producer.kafka.Publisher;
import io.modelmap.producer.registration.ModelRegistrar;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.ScoreTask;
import io.modelmap.scorer.demo.DemoModels;
import io.modelmap.scorer.worker.ScorerConfig;
import io.modelmap.scorer.worker.ScorerWorker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code modelmap demo}: the whole pipeline on the embedded default with the bundled tiny models. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start the embedded default, score the demo corpus with the bundled demo models, print the map.")
final class DemoCommand implements Callable<Integer> {
  private static final String CORPUS = "demo";

  @Option(names = "--texts", defaultValue = "200", description = "Texts in the demo corpus (default ${DEFAULT-VALUE}).")
  int texts;

  @Option(names = "--data-dir", description = "Data folder (default: a fresh folder under .modelmap/).")
  Path dataDir;

  @Option(names = "--export-to", description = "Export the map as CSV to this folder before exiting.")
  Path exportTo;

  @Option(names = "--serve", description = "Keep the broker, registry, aggregator and scorer running after the demo (Ctrl-C to stop).")
  boolean serve;

  @Override
  public Integer call() throws Exception {
    Path dir = dataDir != null ? dataDir : EmbeddedSystem.freshDataDir("demo");
    try (EmbeddedSystem system = EmbeddedSystem.start(dir, System.out)) {
      ConnectionConfig connection = system.connection();
      List<DemoModels.DemoModel> models = DemoModels.write(dir.resolve("models"));
      System.out.println("Wrote " + models.size() + " demo models under " + dir.resolve("models"));
      List<CorpusText> corpus = new CorpusBuilder(Utf8Chunker.paperDefaults())
          .build(DemoCorpus.documents(20, 2024), texts, 7);
      Map<String, Integer> expected = new LinkedHashMap<>();
      try (Publisher publisher = new Publisher(connection)) {
        new CorpusPublisher(publisher, connection.topics().corpusTexts()).publish(CORPUS, corpus);
        System.out.println("Published corpus '" + CORPUS + "': " + corpus.size() + " texts (prose, code, legal, tables)");
        register(publisher, connection, models, corpus, expected);
      }
      ScorerWorker worker = new ScorerWorker(connection,
          new ScorerConfig("modelmap-scorer", "demo-scorer", List.of(dir.resolve("models")), 8), Clock.systemUTC());
      Thread scorer = new Thread(worker, "scorer-worker");
      scorer.start();
      try {
        System.out.println("Scoring on CPU (one worker) ...");
        new ResultWaiter(connection, System.out, Clock.systemUTC()).await(expected, corpus.size(), Duration.ofMinutes(60));
        NeighborTable.print(connection, 3, System.out);
        if (exportTo != null) {
          new MapExporter(connection).export(exportTo, CORPUS);
          System.out.println("Exported to " + exportTo.toAbsolutePath());
        }
        if (serve) {
          System.out.println("Serving: bootstrap " + connection.bootstrapServers() + ", schema registry "
              + connection.schemaRegistryUrl() + ". Ctrl-C to stop.");
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
      List<CorpusText> corpus, Map<String, Integer> expected) {
    ModelRegistrar registrar = new ModelRegistrar(publisher, connection.topics().modelRegistered());
    TaskFanout fanout = new TaskFanout(20);
    List<String> textIds = corpus.stream().map(CorpusText::textId).toList();
    for (DemoModels.DemoModel model : models) {
      ModelRegistered registered = ModelRegistered.newBuilder().setModelId(model.id())
          .setSourceUri("file:" + model.dir().toAbsolutePath()).setFamily(model.family()).setModelType(model.type())
          .setCorpusId(CORPUS).setRegisteredAtMs(System.currentTimeMillis()).build();
      registrar.register(registered);
      for (ScoreTask task : fanout.tasks(registered, textIds)) {
        publisher.send(connection.topics().scoreTasks(), task.getModelId(), task);
      }
      expected.put(model.id(), corpus.size());
    }
    publisher.flush();
    System.out.println("Registered " + models.size() + " models and fanned them out into score tasks");
  }
}
