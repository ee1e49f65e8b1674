package io.modelmap.producer.synthetic;

import io.modelmap.kafka.Publisher;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.avro.TextScore;
import io.modelmap.schemas.avro.TextScores;
import io.modelmap.schemas.key.CompositeKey;
import io.modelmap.schemas.topic.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Publishes a {@link SyntheticMatrix} as a corpus (metadata only) and as text-scores records. */
public final class SyntheticPublisher {
  private final Publisher publisher;
  private final Topics topics;
  private final SyntheticMatrix matrix;
  private final String corpusId;
  /** Rows of the models in flight, so interleaved chunks do not regenerate them. */
  private final Map<Integer, double[]> rows = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Integer, double[]> eldest) {
      return size() > 64;
    }
  };

  public SyntheticPublisher(Publisher publisher, Topics topics, SyntheticMatrix matrix, String corpusId) {
    this.publisher = publisher;
    this.topics = topics;
    this.matrix = matrix;
    this.corpusId = corpusId;
  }

  /** The corpus: one text-free chunk per column, with its byte length and category. */
  public void publishCorpus() {
    for (int s = 0; s < matrix.texts(); s++) {
      String id = matrix.textId(s);
      publisher.send(topics.corpusTexts(), CompositeKey.of(corpusId, id), TextChunk.newBuilder().setCorpusId(corpusId)
          .setTextId(id).setIndex(s).setCorpusSize(matrix.texts()).setText(null).setCategory("synthetic")
          .setByteLength(matrix.byteLength(s)).build());
    }
    publisher.flush();
  }

  /** One text-scores record: the chunk's texts of its model. */
  public void publish(FleetSchedule.Chunk chunk) {
    double[] row = row(chunk.model());
    String modelId = matrix.modelId(chunk.model());
    List<TextScore> scores = new ArrayList<>(chunk.to() - chunk.from());
    for (int s = chunk.from(); s < chunk.to(); s++) {
      scores.add(TextScore.newBuilder().setTextId(matrix.textId(s)).setLogLikelihood(row[s])
          .setTokensScored(Math.max(1, matrix.byteLength(s) / 4)).setWindowed(false).build());
    }
    publisher.send(topics.textScores(), modelId, TextScores.newBuilder().setModelId(modelId).setCorpusId(corpusId)
        .setTaskId(modelId + "/" + corpusId + "/" + chunk.from()).setScores(scores).setWorkerId("synthetic").build());
  }

  private double[] row(int model) {
    return rows.computeIfAbsent(model, matrix::row);
  }
}
