package io.modelmap.producer.benchmark;

import io.modelmap.kafka.Publisher;
import io.modelmap.schemas.avro.BenchmarkScore;
import io.modelmap.schemas.key.CompositeKey;
import io.modelmap.schemas.topic.Topic;
import java.util.List;

/** Publishes benchmark results to {@code benchmark-scores}, keyed modelId/benchmarkId: a later result replaces an earlier one. */
public final class ScorePublisher {
  private final Publisher publisher;
  private final Topic<String, BenchmarkScore> topic;

  public ScorePublisher(Publisher publisher, Topic<String, BenchmarkScore> topic) {
    this.publisher = publisher;
    this.topic = topic;
  }

  public void publish(List<BenchmarkScore> scores) {
    for (BenchmarkScore score : scores) {
      publisher.send(topic, CompositeKey.of(score.getModelId().toString(), score.getBenchmarkId().toString()), score);
    }
    publisher.flush();
  }
}
