package io.modelmap.aggregator.matrix;

import io.modelmap.aggregator.support.StoreBytes;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Which shard of its corpus a model lives on, and the keys of the records that travel between shards. A
 * model's shard is Kafka's own key hash, {@code toPositive(murmur2(UTF-8 id)) mod S}: a pure function of
 * the id, the same in every JVM and every release of the clients, so a model's scores, its registration and
 * its row always meet on one shard.
 */
public final class ModelShards {
  private ModelShards() {}

  /** The shard (0 … shards − 1) of {@code modelId}. */
  public static int shardOf(String modelId, int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be at least 1, was " + shards);
    }
    return Utils.toPositive(Utils.murmur2(modelId.getBytes(StandardCharsets.UTF_8))) % shards;
  }

  /** corpusId NUL shard: the key of everything one shard of a corpus reads. */
  public static String key(String corpusId, int shard) {
    return StoreBytes.joined(corpusId, Integer.toString(shard));
  }

  /** The shard named by a {@link #key}. */
  public static int shardOfKey(String key) {
    return Integer.parseInt(StoreBytes.split(key, "shard key")[1]);
  }
}
