package io.modelmap.cli.runtime;

import io.modelmap.aggregator.matrix.AcceptedCorpus;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.TopicReader;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every corpus on {@code corpus-texts} as the aggregator accepted it ({@link AcceptedCorpus}), read
 * once: what publishing, registering and exporting a corpus count, so that records the aggregator
 * dead-lettered are never taken for texts of a corpus.
 */
public final class PublishedCorpora {
  private final Map<String, AcceptedCorpus> byId;

  private PublishedCorpora(Map<String, AcceptedCorpus> byId) {
    this.byId = byId;
  }

  public static PublishedCorpora read(KafkaConnection connection) {
    Map<String, AcceptedCorpus> byId = new TreeMap<>();
    new TopicReader(connection).readAll(connection.topics().corpusTexts(), (key, text) -> {
      if (text != null) {
        byId.computeIfAbsent(text.getCorpusId(), AcceptedCorpus::new).offer(key, text);
      }
    });
    return new PublishedCorpora(byId);
  }

  /** The ids of the corpora with at least one accepted text. */
  public Set<String> ids() {
    return byId.entrySet().stream().filter(e -> !e.getValue().texts().isEmpty()).map(Map.Entry::getKey)
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  /** {@code corpusId} as accepted: no texts when nothing valid was published under it. */
  public AcceptedCorpus corpus(String corpusId) {
    return byId.getOrDefault(corpusId, new AcceptedCorpus(corpusId));
  }
}
