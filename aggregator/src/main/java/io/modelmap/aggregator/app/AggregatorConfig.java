package io.modelmap.aggregator.app;

import io.modelmap.aggregator.matrix.MatrixSettings;
import io.modelmap.aggregator.prediction.PredictionSettings;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.aggregator.support.PublishingSettings;
import io.modelmap.schemas.topic.TopicNames;
import java.util.Objects;

/**
 * Settings of the aggregator, composed of one validated record per concern; each processor is given
 * only the records it reads. Built with {@link #builder}: the connection and the Streams settings are
 * required, everything else has a default.
 *
 * @param connection the Kafka cluster, the schema registry, the topic names and extra client settings
 * @param streams how this instance runs Kafka Streams
 * @param internalPartitions partitions of the repartition topics (the corpus-keyed matrix tasks)
 * @param publishing what the matrix, agreement and prediction processors share
 * @param matrix how the matrix clips and lays out the map
 * @param prediction how benchmark scores are predicted from the map
 * @param shards S, the shards each corpus's models are spread over ({@code --shards}); 1 keeps every model of a
 *     corpus in one task
 */
public record AggregatorConfig(KafkaConnection connection, StreamsSettings streams, int internalPartitions,
    PublishingSettings publishing, MatrixSettings matrix, PredictionSettings prediction, int shards) {

  public AggregatorConfig {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(streams, "streams");
    Objects.requireNonNull(publishing, "publishing");
    Objects.requireNonNull(matrix, "matrix");
    Objects.requireNonNull(prediction, "prediction");
    if (internalPartitions < 1) {
      throw new IllegalArgumentException("internalPartitions must be at least 1, was " + internalPartitions);
    }
    if (shards < 1) {
      throw new IllegalArgumentException("--shards must be at least 1, was " + shards);
    }
    if (shards > 1 && matrix.clippingQuantile().isPresent()) {
      throw new IllegalArgumentException("--clip-quantile needs every model of a corpus in one task: use --shards 1");
    }
  }

  /** The topic names: the connection's. */
  public TopicNames topics() {
    return connection.topicNames();
  }

  /** Settings with {@code connection} and {@code streams}, and defaults for the rest until an {@code opt…} says otherwise. */
  public static Builder builder(KafkaConnection connection, StreamsSettings streams) {
    return new Builder(connection, streams);
  }

  /** Builds an {@link AggregatorConfig}: required parts in {@link #builder}, optional ones by {@code opt…}. */
  public static final class Builder {
    private KafkaConnection connection;
    private final StreamsSettings streams;
    private int internalPartitions = 1;
    private PublishingSettings publishing = PublishingSettings.defaults();
    private MatrixSettings matrix = MatrixSettings.defaults();
    private PredictionSettings prediction = PredictionSettings.defaults();
    private int shards = 1;

    private Builder(KafkaConnection connection, StreamsSettings streams) {
      this.connection = connection;
      this.streams = streams;
    }

    /** Other topic names than the connection's. */
    public Builder optTopics(TopicNames names) {
      this.connection = connection.withTopicNames(names);
      return this;
    }

    public Builder optInternalPartitions(int partitions) {
      this.internalPartitions = partitions;
      return this;
    }

    public Builder optPublishing(PublishingSettings settings) {
      this.publishing = settings;
      return this;
    }

    public Builder optMatrix(MatrixSettings settings) {
      this.matrix = settings;
      return this;
    }

    public Builder optPrediction(PredictionSettings settings) {
      this.prediction = settings;
      return this;
    }

    /** Spreads each corpus's models over {@code count} shards, one task each (default 1). */
    public Builder optShards(int count) {
      this.shards = count;
      return this;
    }

    public AggregatorConfig build() {
      return new AggregatorConfig(connection, streams, internalPartitions, publishing, matrix, prediction, shards);
    }
  }
}
