package io.modelmap.cli.data;

import io.modelmap.cli.support.ClusterOptions;
import io.modelmap.formats.benchmark.BenchmarkTableReader;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.Publisher;
import io.modelmap.schemas.avro.BenchmarkRegistered;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelmap import-benchmarks}: publishes benchmarks' task factors, the task side of collaborative prediction. */
@Command(name = "import-benchmarks", mixinStandardHelpOptions = true,
    description = "Publish task factors (benchmark_id,ability,family,output_format,shots[,label...]) to"
        + " benchmark-registered.")
public final class ImportBenchmarksCommand implements Callable<Integer> {
  @Mixin
  ClusterOptions connection;

  @Option(names = "--benchmarks", required = true, description = "The task-factor CSV, one row per benchmark.")
  Path benchmarks;

  @Override
  public Integer call() throws Exception {
    List<BenchmarkRegistered> read = BenchmarkTableReader.read(benchmarks, System.currentTimeMillis());
    KafkaConnection target = connection.external();
    try (Publisher publisher = new Publisher(target)) {
      for (BenchmarkRegistered benchmark : read) {
        publisher.send(target.topics().benchmarkRegistered(), benchmark.getBenchmarkId(), benchmark);
      }
      publisher.flush();
    }
    System.out.printf("Published the factors of %d benchmarks to %s%n", read.size(),
        target.topics().benchmarkRegistered().name());
    return 0;
  }
}
