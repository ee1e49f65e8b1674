package io.modelmap.cli;

import io.modelmap.producer.benchmark.ScorePublisher;
import io.modelmap.producer.benchmark.ScoreTableReader;
import io.modelmap.producer.kafka.ConnectionConfig;
import io.modelmap.producer.kafka.Publisher;
import io.modelmap.schemas.avro.BenchmarkScore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelmap import-scores}: publishes known benchmark results, the targets of score prediction. */
@Command(name = "import-scores", mixinStandardHelpOptions = true,
    description = "Publish benchmark results (model_id,<benchmark>,...; empty = unknown) to benchmark-scores.")
final class ImportScoresCommand implements Callable<Integer> {
  @Mixin
  ClusterOptions connection;

  @Option(names = "--scores", required = true, description = "The results CSV, one row per model, one column per benchmark.")
  Path scores;

  @Override
  public Integer call() throws Exception {
    List<BenchmarkScore> read = ScoreTableReader.read(scores, System.currentTimeMillis());
    ConnectionConfig target = connection.external();
    try (Publisher publisher = new Publisher(target)) {
      new ScorePublisher(publisher, target.topics().benchmarkScores()).publish(read);
    }
    long models = read.stream().map(BenchmarkScore::getModelId).distinct().count();
    long benchmarks = read.stream().map(BenchmarkScore::getBenchmarkId).distinct().count();
    System.out.printf("Published %d scores of %d models on %d benchmarks to %s%n", read.size(), models, benchmarks,
        target.topics().benchmarkScores().name());
    return 0;
  }
}
