package io.modelmap.aggregator.app;

import io.modelmap.aggregator.matrix.MapMethod;
import io.modelmap.aggregator.matrix.MatrixSettings;
import io.modelmap.aggregator.prediction.PredictionSettings;
import io.modelmap.aggregator.support.KafkaClientProperties;
import io.modelmap.aggregator.support.KafkaConnection;
import io.modelmap.aggregator.support.PublishingSettings;
import io.modelmap.schemas.topic.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Settings of the aggregator, validated at construction.
 *
 * @param applicationId Kafka Streams application id (consumer group, internal topic prefix)
 * @param bootstrapServers Kafka bootstrap servers
 * @param schemaRegistryUrl base URL of a Confluent-compatible schema registry
 * @param stateDir where RocksDB state lives
 * @param topics topic names
 * @param neighborCount k of the top-k neighbour lists
 * @param provisionalInterval how often provisional neighbours of models in progress are published
 * @param clippingQuantile global lower-tail clipping of L (paper: 0.02); empty for none
 * @param pendingTimeout how long scores naming a text not yet seen in the corpus wait before they are dead-lettered
 * @param internalPartitions partitions of the repartition topics (the corpus-keyed matrix tasks)
 * @param clientOverrides extra Kafka client settings, for example security settings
 * @param mapMethod how the 2-D map is laid out
 * @param prediction how benchmark scores are predicted from the map
 */
public record AggregatorConfig(
    String applicationId,
    String bootstrapServers,
    String schemaRegistryUrl,
    Path stateDir,
    TopicNames topics,
    int neighborCount,
    Duration provisionalInterval,
    OptionalDouble clippingQuantile,
    Duration pendingTimeout,
    int internalPartitions,
    Map<String, Object> clientOverrides,
    MapMethod mapMethod,
    PredictionSettings prediction) {

  public AggregatorConfig {
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(provisionalInterval, "provisionalInterval");
    Objects.requireNonNull(clippingQuantile, "clippingQuantile");
    Objects.requireNonNull(pendingTimeout, "pendingTimeout");
    Objects.requireNonNull(mapMethod, "mapMethod");
    Objects.requireNonNull(prediction, "prediction");
    clientOverrides = Map.copyOf(clientOverrides);
    if (neighborCount < 1) {
      throw new IllegalArgumentException("neighborCount must be at least 1, was " + neighborCount);
    }
    if (provisionalInterval.isNegative() || provisionalInterval.isZero()) {
      throw new IllegalArgumentException("provisionalInterval must be positive, was " + provisionalInterval);
    }
    if (clippingQuantile.isPresent() && !(clippingQuantile.getAsDouble() > 0 && clippingQuantile.getAsDouble() < 0.5)) {
      throw new IllegalArgumentException("clippingQuantile must lie in (0, 0.5), was " + clippingQuantile.getAsDouble());
    }
    if (internalPartitions < 1) {
      throw new IllegalArgumentException("internalPartitions must be at least 1, was " + internalPartitions);
    }
  }

  /** The cluster, the registry and the client settings. */
  public KafkaConnection connection() {
    KafkaClientProperties client = KafkaClientProperties.none();
    for (Map.Entry<String, Object> setting : clientOverrides.entrySet()) {
      client = client.with(setting.getKey(), setting.getValue());
    }
    return new KafkaConnection(bootstrapServers, schemaRegistryUrl, client);
  }

  /** What the matrix, agreement and prediction processors share. */
  public PublishingSettings publishing() {
    return new PublishingSettings(neighborCount, provisionalInterval, pendingTimeout);
  }

  /** What the matrix reads. */
  public MatrixSettings matrix() {
    return new MatrixSettings(clippingQuantile, mapMethod);
  }

  /** Defaults for everything but the connection and the state folder. */
  public static AggregatorConfig defaults(String bootstrapServers, String schemaRegistryUrl, Path stateDir) {
    return new AggregatorConfig("modelmap-aggregator", bootstrapServers, schemaRegistryUrl, stateDir,
        TopicNames.defaults(), 10, Duration.ofSeconds(2), OptionalDouble.empty(), Duration.ofMinutes(10), 1, Map.of(),
        MapMethod.PCA, PredictionSettings.defaults());
  }

  public AggregatorConfig withApplicationId(String id) {
    return new AggregatorConfig(id, bootstrapServers, schemaRegistryUrl, stateDir, topics, neighborCount,
        provisionalInterval, clippingQuantile, pendingTimeout, internalPartitions, clientOverrides, mapMethod, prediction);
  }

  public AggregatorConfig withClipping(OptionalDouble quantile) {
    return new AggregatorConfig(applicationId, bootstrapServers, schemaRegistryUrl, stateDir, topics, neighborCount,
        provisionalInterval, quantile, pendingTimeout, internalPartitions, clientOverrides, mapMethod, prediction);
  }

  public AggregatorConfig withClientOverrides(Map<String, Object> overrides) {
    return new AggregatorConfig(applicationId, bootstrapServers, schemaRegistryUrl, stateDir, topics, neighborCount,
        provisionalInterval, clippingQuantile, pendingTimeout, internalPartitions, overrides, mapMethod, prediction);
  }

  public AggregatorConfig withMapMethod(MapMethod method) {
    return new AggregatorConfig(applicationId, bootstrapServers, schemaRegistryUrl, stateDir, topics, neighborCount,
        provisionalInterval, clippingQuantile, pendingTimeout, internalPartitions, clientOverrides, method, prediction);
  }

  public AggregatorConfig withTopics(TopicNames names) {
    return new AggregatorConfig(applicationId, bootstrapServers, schemaRegistryUrl, stateDir, names, neighborCount,
        provisionalInterval, clippingQuantile, pendingTimeout, internalPartitions, clientOverrides, mapMethod, prediction);
  }

  public AggregatorConfig withPrediction(PredictionSettings settings) {
    return new AggregatorConfig(applicationId, bootstrapServers, schemaRegistryUrl, stateDir, topics, neighborCount,
        provisionalInterval, clippingQuantile, pendingTimeout, internalPartitions, clientOverrides, mapMethod, settings);
  }
}
