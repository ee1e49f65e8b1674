package io.modelmap.cli.runtime;

import io.modelmap.cli.terminal.Plural;
import io.modelmap.aggregator.matrix.AcceptedCorpus;
import io.modelmap.producer.corpus.CorpusPublisher;
import io.modelmap.producer.corpus.CorpusSummary;
import io.modelmap.producer.corpus.CorpusText;
import io.modelmap.producer.corpus.PublishedCorpus;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.Publisher;
import io.modelmap.schemas.key.Ids;
import io.modelmap.schemas.topic.TopicNames;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * Publishes a built corpus once: a new id is published, the same corpus again is a no-op, a
 * different corpus under a published id is refused (a corpus is immutable). What is published under an
 * id is what the aggregator accepted ({@link AcceptedCorpus}), so records it dead-lettered never make
 * a rerun fail.
 */
public final class CorpusPublication {
  private final KafkaConnection connection;
  private final PrintStream out;

  public CorpusPublication(KafkaConnection connection, PrintStream out) {
    this.connection = connection;
    this.out = out;
  }

  public void publish(String corpusId, List<CorpusText> corpus) {
    Ids.problem(Ids.Kind.CORPUS, corpusId).ifPresent(problem -> {
      throw new InputRefused("--corpus-id: " + problem);
    });
    out.println("Corpus '" + corpusId + "': " + CorpusSummary.of(corpus).describe());
    // what the aggregator accepted, not what was sent: texts it dead-lettered are no part of the corpus
    AcceptedCorpus accepted = PublishedCorpora.read(connection).corpus(corpusId);
    PublishedCorpus published = PublishedCorpus.of(corpusId, accepted.texts());
    if (!published.isEmpty()) {
      Optional<String> difference = published.difference(corpus);
      if (difference.isPresent()) {
        throw new InputRefused(published.conflict(difference.get()));
      }
      out.println("  already published with exactly these texts; nothing to do"
          + (accepted.refused() == 0 ? "" : " (" + accepted.refused() + " records under this id were refused by the"
              + " aggregator: see " + TopicNames.deadLetter(connection.topics().corpusTexts().name()) + ")"));
      return;
    }
    try (Publisher publisher = new Publisher(connection)) {
      new CorpusPublisher(publisher, connection.topics().corpusTexts()).publish(corpusId, corpus);
    }
    out.println("  published " + Plural.of(corpus.size(), "text") + " to " + connection.topics().corpusTexts().name());
  }
}
