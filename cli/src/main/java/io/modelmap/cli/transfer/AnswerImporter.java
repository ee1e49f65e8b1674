package io.modelmap.cli.transfer;

import io.modelmap.cli.terminal.Plural;
import io.modelmap.formats.benchmark.AnswerTable;
import io.modelmap.formats.benchmark.AnswerTableReader;
import io.modelmap.producer.benchmark.BenchmarkPublisher;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.Publisher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** Publishes a table of precomputed answers: its items to {@code mc-items}, each model's answers to {@code mc-answers}. */
public final class AnswerImporter {
  private final KafkaConnection connection;
  private final PrintStream out;

  public AnswerImporter(KafkaConnection connection, PrintStream out) {
    this.connection = connection;
    this.out = out;
  }

  public AnswerTable importAnswers(Path file, String benchmarkId) throws IOException {
    AnswerTable table = AnswerTableReader.read(file, benchmarkId);
    table.problems().forEach(p -> out.println("  skipped: " + p));
    table.recoded().stream().limit(3).forEach(r -> out.println("  recoded: " + r));
    if (table.recoded().size() > 3) {
      out.printf("  recoded: ... %d answers in all named an option their item does not have; counted as unreadable%n",
          table.recoded().size());
    }
    try (Publisher publisher = new Publisher(connection)) {
      BenchmarkPublisher benchmark = new BenchmarkPublisher(publisher, connection.topics());
      benchmark.publishItems(table.items());
      publisher.flush(); // items first, so answers rarely wait for them
      table.answersByModel().forEach((model, answers) ->
          benchmark.publishAnswers(model, benchmarkId, answers, "import"));
      publisher.flush();
    }
    long answers = table.answersByModel().values().stream().mapToLong(java.util.List::size).sum();
    out.printf("  published %s of %s and %s of %s (%s)%n", Plural.of(table.items().size(), "item"),
        benchmarkId, Plural.of(answers, "answer"), Plural.of(table.answersByModel().size(), "model"),
        Plural.of(table.problems().size(), "problem"));
    return table;
  }
}
