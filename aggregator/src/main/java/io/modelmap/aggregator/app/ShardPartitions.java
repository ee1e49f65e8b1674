package io.modelmap.aggregator.app;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Whether an application may start with {@code --shards S} given the shards' loop topic it finds: the topic is
 * created with S partitions by the first start at S &gt; 1 ({@link ShardedMatrix#exchangeTopic}), so its partition
 * count is the S the application's topics and stores were made for. Another S would put two shards in one task
 * (or, at S = 1, read sharded stores as a whole corpus): refused in one line naming both numbers and what to do.
 */
final class ShardPartitions {
  private ShardPartitions() {}

  /**
   * The one-line refusal, or empty when {@code shards} fits {@code partitions} (the loop topic's partition count,
   * empty when there is no such topic).
   */
  static Optional<String> refusal(AggregatorConfig config, OptionalInt partitions) {
    if (partitions.isEmpty() || partitions.getAsInt() == config.shards() && config.shards() > 1) {
      return Optional.empty();
    }
    String topic = ShardedMatrix.exchangeTopic(config);
    String application = config.streams().applicationId();
    return Optional.of("--shards " + config.shards() + " but " + topic + " has " + partitions.getAsInt()
        + " partitions: application " + application + " ran with --shards " + partitions.getAsInt()
        + "; run every instance of it with --shards " + partitions.getAsInt()
        + ", or map anew under another --application-id");
  }
}
