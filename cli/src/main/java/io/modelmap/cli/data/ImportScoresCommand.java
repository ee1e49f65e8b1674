package io.modelmap.cli.data;

import io.modelmap.cli.terminal.Plural;
import io.modelmap.cli.support.ClusterOptions;
import io.modelmap.producer.benchmark.ScorePublisher;
import io.modelmap.formats.benchmark.ScoreTableReader;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.Publisher;
import io.modelmap.schemas.avro.BenchmarkScore;
import java.nio.file.Path;
import io.modelmap.formats.matrix.ModelMetadataReader;
import io.modelmap.producer.registration.ModelRegistrar;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelmap import-scores}: publishes known benchmark results, the targets of score prediction. */
@Command(name = "import-scores", mixinStandardHelpOptions = true,
    description = "Publish benchmark results (model_id,<benchmark>,...; empty = unknown) to benchmark-scores.")
public final class ImportScoresCommand implements Callable<Integer> {
  @Mixin
  ClusterOptions connection;

  @Option(names = "--scores", required = true, description = "The results CSV, one row per model, one column per benchmark.")
  Path scores;

  @Option(names = "--models", description = "Register these models with their design factors"
      + " (model_id,family,type,parameters[,label...]); leave out models already registered with a checkpoint.")
  Path models;

  @Option(names = "--corpus", defaultValue = "scores-only", description = "The corpus the --models registrations"
      + " name; they are imported, never scored (default ${DEFAULT-VALUE}).")
  String corpus;

  @Override
  public Integer call() throws Exception {
    long now = System.currentTimeMillis();
    List<BenchmarkScore> read = ScoreTableReader.read(scores, now);
    Map<String, ModelMetadataReader.ModelMetadata> facts = models == null ? Map.of() : ModelMetadataReader.read(models);
    KafkaConnection target = connection.external();
    try (Publisher publisher = new Publisher(target)) {
      ModelRegistrar registrar = new ModelRegistrar(publisher, target.topics().modelRegistered());
      facts.forEach((model, known) -> registrar.register(known.registration(model, "imported:" + models.getFileName(),
          corpus, now)));
      new ScorePublisher(publisher, target.topics().benchmarkScores()).publish(read);
    }
    if (!facts.isEmpty()) {
      System.out.printf("Registered %s with their factors to %s%n", Plural.of(facts.size(), "model"),
          target.topics().modelRegistered().name());
    }
    long models = read.stream().map(BenchmarkScore::getModelId).distinct().count();
    long benchmarks = read.stream().map(BenchmarkScore::getBenchmarkId).distinct().count();
    System.out.printf("Published %s of %s on %s to %s%n", Plural.of(read.size(), "score"),
        Plural.of(models, "model"), Plural.of(benchmarks, "benchmark"),
        target.topics().benchmarkScores().name());
    return 0;
  }
}
