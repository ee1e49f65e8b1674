package io.modelmap.cli.data;

import io.modelmap.cli.terminal.Plural;
import io.modelmap.cli.support.ClusterOptions;
import io.modelmap.producer.benchmark.BenchmarkPublisher;
import io.modelmap.formats.benchmark.ItemFiles;
import io.modelmap.formats.benchmark.ParsedItems;
import io.modelmap.kafka.Publisher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelmap import-items}: publishes a multiple-choice benchmark to {@code mc-items}. */
@Command(name = "import-items", mixinStandardHelpOptions = true,
    description = "Publish multiple-choice items (lm-evaluation-harness style JSONL, or CSV) to mc-items.")
public final class ImportItemsCommand implements Callable<Integer> {
  @Mixin
  ClusterOptions connection;

  @Option(names = "--items", required = true, description = "A .jsonl or .csv file of items.")
  Path items;

  @Option(names = "--benchmark-id", required = true, description = "Benchmark id the items are published under.")
  String benchmarkId;

  @Override
  public Integer call() throws Exception {
    ParsedItems parsed = ItemFiles.read(items, benchmarkId);
    parsed.problems().forEach(p -> System.out.println("  skipped: " + p));
    try (Publisher publisher = new Publisher(connection.external())) {
      new BenchmarkPublisher(publisher, connection.external().topics()).publishItems(parsed.items());
      publisher.flush();
    }
    System.out.printf("Published %s of %s (%s skipped)%n", Plural.of(parsed.items().size(), "item"), benchmarkId,
        Plural.of(parsed.problems().size(), "row"));
    return parsed.problems().isEmpty() ? 0 : 1;
  }
}
