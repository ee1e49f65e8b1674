package io.modelmap.aggregator.prediction;

import io.modelmap.aggregator.restore.GuardedStores;
import io.modelmap.aggregator.support.StoreBytes;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The prediction task's stores, all RocksDB with changelogs:
 * <ul>
 *   <li>{@value #MODELS}: model id → its ModelRegistered (Confluent Avro), from model-registered
 *   <li>{@value #TASKS}: benchmark id → its BenchmarkRegistered (Confluent Avro), from benchmark-registered
 *   <li>{@value #SCORES}: modelId/benchmarkId → the observed score (8-byte double, 1 when measured, the
 *   shots as a 4-byte int, −1 unknown, then the metric in UTF-8), from benchmark-scores
 *   <li>{@value #DISTANCES}: corpusId/modelId → the ModelDistances the matrix sent at its completion
 *   <li>{@value #ROWS} (only at S &gt; 1, {@code --shards}): corpusId/modelId → the complete model's ξ row (its
 *   doubles) from the {@code model-coordinates} its home shard published
 *   <li>{@value #EMBEDDINGS}: model id → its latest EmbedLLM embedding with the benchmarks it was fitted on and
 *   its vectors trained without each benchmark ({@link ForecastEmbedding#toBytes}), from model-embeddings
 * </ul>
 */
public final class PredictionStores {
  static final String MODELS = "prediction-registrations-store";
  static final String TASKS = "prediction-benchmarks-store";
  static final String SCORES = "prediction-scores-store";
  public static final String DISTANCES = "prediction-distances-store";
  static final String EMBEDDINGS = "prediction-embeddings-store";
  public static final String ROWS = "prediction-rows-store";

  /** The restore checks of the binary stores: each layout read by the code below that the processor uses. */
  static final Deserializer<Double> SCORE_VALUES = (topic, value) -> scoreValue(value);
  static final Deserializer<ForecastEmbedding> EMBEDDING_VALUES = (topic, value) -> ForecastEmbedding.fromBytes(value);
  static final Deserializer<double[]> ROW_VALUES = (topic, value) -> row(value);

  private PredictionStores() {}

  /**
   * The stores; the three that hold Avro restore only values that decode with {@code registrations},
   * {@code benchmarks} and {@code distances} (the processor decodes every one of them when it starts), the two
   * binary ones only values their codecs below read.
   */
  public static List<StoreBuilder<KeyValueStore<String, byte[]>>> builders(Deserializer<?> registrations,
      Deserializer<?> benchmarks, Deserializer<?> distances) {
    return List.of(store(GuardedStores.plain(MODELS, registrations)), store(GuardedStores.plain(TASKS, benchmarks)),
        store(binary(SCORES)), store(GuardedStores.plain(DISTANCES, distances)), store(binary(EMBEDDINGS)));
  }

  /** At S &gt; 1: the same stores and {@value #ROWS}. */
  public static List<StoreBuilder<KeyValueStore<String, byte[]>>> shardedBuilders(Deserializer<?> registrations,
      Deserializer<?> benchmarks, Deserializer<?> distances) {
    List<StoreBuilder<KeyValueStore<String, byte[]>>> all =
        new java.util.ArrayList<>(builders(registrations, benchmarks, distances));
    all.add(store(binary(ROWS)));
    return all;
  }

  /** The binary store {@code name}, restoring only what its layout's reader reads. */
  static KeyValueBytesStoreSupplier binary(String name) {
    return switch (name) {
      case SCORES -> GuardedStores.plain(SCORES, SCORE_VALUES);
      case EMBEDDINGS -> GuardedStores.plain(EMBEDDINGS, EMBEDDING_VALUES);
      case ROWS -> GuardedStores.plain(ROWS, ROW_VALUES);
      default -> throw new IllegalArgumentException("no binary prediction store " + name);
    };
  }

  public static String[] names() {
    return new String[] {MODELS, TASKS, SCORES, DISTANCES, EMBEDDINGS};
  }

  /** At S &gt; 1: {@link #names()} and {@value #ROWS}. */
  public static String[] shardedNames() {
    return new String[] {MODELS, TASKS, SCORES, DISTANCES, EMBEDDINGS, ROWS};
  }

  static byte[] row(double[] xi) {
    return StoreBytes.doubles(xi);
  }

  static double[] row(byte[] stored) {
    return StoreBytes.doubles(stored, "xi row");
  }

  static byte[] score(double value, boolean measured, Integer shots, String metric) {
    byte[] name = metric == null ? new byte[0] : metric.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return ByteBuffer.allocate(13 + name.length).putDouble(value).put((byte) (measured ? 1 : 0))
        .putInt(shots == null ? -1 : shots).put(name).array();
  }

  /** The shots a stored score carried, when known (scores stored before the shots were kept have none). */
  static Integer scoreShots(byte[] stored) {
    int shots = stored.length >= 13 ? ByteBuffer.wrap(stored, 9, 4).getInt() : -1;
    return shots < 0 ? null : shots;
  }

  static String scoreMetric(byte[] stored) {
    return stored.length > 13
        ? new String(stored, 13, stored.length - 13, java.nio.charset.StandardCharsets.UTF_8) : null;
  }

  /** The bare layout, a vector's doubles, that embeddings were stored in before the benchmarks were kept. */
  static byte[] embedding(double[] vector) {
    return StoreBytes.doubles(vector);
  }

  /** Reads {@link #embedding(double[])}'s layout; {@link ForecastEmbedding#fromBytes} falls back to it. */
  static double[] embedding(byte[] stored) {
    return StoreBytes.doubles(stored, "embedding");
  }

  static double scoreValue(byte[] stored) {
    return StoreBytes.reader(stored, Double.BYTES, "score").getDouble();
  }

  /** Whether a stored score was measured; one of 8 bytes (written before the flag) was imported. */
  static boolean measured(byte[] stored) {
    return stored.length > 8 && stored[8] == 1;
  }

  private static StoreBuilder<KeyValueStore<String, byte[]>> store(KeyValueBytesStoreSupplier supplier) {
    return Stores.keyValueStoreBuilder(supplier, Serdes.String(), Serdes.ByteArray());
  }
}
