package io.modelmap.aggregator.prediction;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The prediction task's stores, all RocksDB with changelogs:
 * <ul>
 *   <li>{@value #MODELS}: model id → family and type (NUL-separated UTF-8), from model-registered
 *   <li>{@value #SCORES}: modelId/benchmarkId → the observed score (8-byte double, then 1 when measured),
 *   from benchmark-scores
 *   <li>{@value #DISTANCES}: corpusId/modelId → the ModelDistances the matrix sent at its completion
 * </ul>
 */
public final class PredictionStores {
  static final String MODELS = "prediction-models-store";
  static final String SCORES = "prediction-scores-store";
  static final String DISTANCES = "prediction-distances-store";

  private PredictionStores() {}

  public static List<StoreBuilder<KeyValueStore<String, byte[]>>> builders() {
    return List.of(store(MODELS), store(SCORES), store(DISTANCES));
  }

  public static String[] names() {
    return new String[] {MODELS, SCORES, DISTANCES};
  }

  static byte[] score(double value, boolean measured) {
    return ByteBuffer.allocate(9).putDouble(value).put((byte) (measured ? 1 : 0)).array();
  }

  static double scoreValue(byte[] stored) {
    return ByteBuffer.wrap(stored).getDouble();
  }

  /** Whether a stored score was measured; one of 8 bytes (written before the flag) was imported. */
  static boolean measured(byte[] stored) {
    return stored.length > 8 && stored[8] == 1;
  }

  private static StoreBuilder<KeyValueStore<String, byte[]>> store(String name) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray());
  }
}
