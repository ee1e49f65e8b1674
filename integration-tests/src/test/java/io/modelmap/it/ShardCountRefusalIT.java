package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.aggregator.app.AggregatorConfig;
import io.modelmap.aggregator.app.AggregatorService;
import io.modelmap.aggregator.app.StreamsSettings;
import io.modelmap.embedded.EmbeddedKafkaBroker;
import io.modelmap.kafka.KafkaConnection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 31: an application restarted with another --shards than its loop topic was made with is refused at start,
 * on a real broker, in one line naming both numbers and what to do (about 5 s: one broker, no Streams started).
 */
class ShardCountRefusalIT {
  @TempDir
  Path dir;

  @Test
  void shouldRefuseToStartWithAnotherShardCountThanTheLoopTopicWasMadeWith() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        // what a first start with --shards 2 made
        admin.createTopics(List.of(new NewTopic("refused-shard-exchange", 2, (short) 1))).all().get();
      }
      KafkaConnection connection = KafkaConnection.of(broker.bootstrapServers(), "http://127.0.0.1:9");
      for (int shards : new int[] {3, 1}) {
        AggregatorConfig config = AggregatorConfig.builder(connection,
            StreamsSettings.of("refused", dir.resolve("state-" + shards))).optShards(shards).build();
        assertThatThrownBy(() -> new AggregatorService(config, Optional.empty()).close())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("--shards " + shards + " but refused-shard-exchange has 2 partitions: application refused ran"
                + " with --shards 2; run every instance of it with --shards 2, or map anew under another"
                + " --application-id");
      }
    }
  }
}
