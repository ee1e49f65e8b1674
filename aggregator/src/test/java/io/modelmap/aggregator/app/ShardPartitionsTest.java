package io.modelmap.aggregator.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.kafka.KafkaConnection;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The one-line refusal of a start whose --shards differs from the S the loop topic was made with. */
class ShardPartitionsTest {
  private static AggregatorConfig config(int shards) {
    return AggregatorConfig.builder(KafkaConnection.of("unused:9092", "mock://"),
        StreamsSettings.of("sharded", Path.of("unused"))).optShards(shards).build();
  }

  @Test
  void shouldStartWhenTheLoopTopicHasOnePartitionPerShardOrIsNotThereYet() {
    assertThat(ShardPartitions.refusal(config(3), OptionalInt.of(3))).isEmpty();
    assertThat(ShardPartitions.refusal(config(3), OptionalInt.empty())).isEmpty();
    assertThat(ShardPartitions.refusal(config(1), OptionalInt.empty())).isEmpty();
  }

  @Test
  void shouldRefuseAnotherShardCountNamingBothAndWhatToDo() {
    assertThat(ShardPartitions.refusal(config(3), OptionalInt.of(2))).contains("--shards 3 but sharded-shard-exchange"
        + " has 2 partitions: application sharded ran with --shards 2; run every instance of it with --shards 2, or"
        + " map anew under another --application-id");
  }

  @Test
  void shouldRefuseOneShardWhereTheApplicationRanSharded() {
    assertThat(ShardPartitions.refusal(config(1), OptionalInt.of(4))).contains("--shards 1 but sharded-shard-exchange"
        + " has 4 partitions: application sharded ran with --shards 4; run every instance of it with --shards 4, or"
        + " map anew under another --application-id");
  }
}
