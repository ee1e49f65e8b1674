package io.modelmap.cli.runtime;

import io.modelmap.producer.corpus.CorpusPublisher;
import io.modelmap.producer.corpus.CorpusSummary;
import io.modelmap.producer.corpus.CorpusText;
import io.modelmap.producer.corpus.PublishedCorpus;
import io.modelmap.producer.kafka.ConnectionConfig;
import io.modelmap.producer.kafka.Publisher;
import io.modelmap.producer.kafka.TopicReader;
import io.modelmap.schemas.key.Ids;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * Publishes a built corpus once: a new id is published, the same corpus again is a no-op, a
 * different corpus under a published id is refused (a corpus is immutable).
 */
public final class CorpusPublication {
  private final ConnectionConfig connection;
  private final PrintStream out;

  public CorpusPublication(ConnectionConfig connection, PrintStream out) {
    this.connection = connection;
    this.out = out;
  }

  public void publish(String corpusId, List<CorpusText> corpus) {
    Ids.problem(Ids.Kind.CORPUS, corpusId).ifPresent(problem -> {
      throw new InputRefused("--corpus-id: " + problem);
    });
    out.println("Corpus '" + corpusId + "': " + CorpusSummary.of(corpus).describe());
    PublishedCorpus published = PublishedCorpus.read(new TopicReader(connection), connection.topics().corpusTexts(),
        corpusId);
    if (!published.isEmpty()) {
      Optional<String> difference = published.difference(corpus);
      if (difference.isPresent()) {
        throw new InputRefused(published.conflict(difference.get()));
      }
      out.println("  already published with exactly these texts; nothing to do");
      return;
    }
    try (Publisher publisher = new Publisher(connection)) {
      new CorpusPublisher(publisher, connection.topics().corpusTexts()).publish(corpusId, corpus);
    }
    out.println("  published " + corpus.size() + " texts to " + connection.topics().corpusTexts().name());
  }
}
