package io.modelmap.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.aggregator.app.AggregatorConfig;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code map --shards S} and {@code demo --shards S}: the embedded aggregator gets S shards and S stream threads. */
class EmbeddedShardsTest {
  @TempDir
  Path dir;

  @Test
  void shouldGiveTheEmbeddedAggregatorOneStreamThreadPerShard() {
    AggregatorConfig config = EmbeddedSystem.aggregatorConfig("127.0.0.1:1", "mock://shards", dir, 3);

    assertThat(config.shards()).isEqualTo(3);
    Properties client = new Properties();
    config.connection().clientProperties().copyInto(client);
    assertThat(client.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(3);
    assertThat(config.streams().stateDir()).isEqualTo(dir.resolve("aggregator-state"));
  }

  @Test
  void shouldKeepTheUnshardedDefaultsAtOneShard() {
    AggregatorConfig config = EmbeddedSystem.aggregatorConfig("127.0.0.1:1", "mock://shards", dir, 1);

    assertThat(config.shards()).isEqualTo(1);
    Properties client = new Properties();
    config.connection().clientProperties().copyInto(client);
    assertThat(client).doesNotContainKey(StreamsConfig.NUM_STREAM_THREADS_CONFIG);
  }
}
