package io.modelmap.aggregator.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The shard of a model id. Expected values from an independent Python implementation of Kafka's murmur2
 * (seed 0x9747b28c, m 0x5bd1e995, r 24, little-endian words, the tail mixed as Kafka does), masked to 31
 * bits and taken mod S: e.g. murmur2("EleutherAI/pythia-70m@step1000") = 0xc76b14ac.
 */
class ModelShardsTest {

  @Test
  void shouldPlaceAModelWhereKafkasMurmur2OfItsUtf8IdSays() {
    assertThat(ModelShards.shardOf("EleutherAI/pythia-70m@step1000", 3)).isEqualTo(1);
    assertThat(ModelShards.shardOf("EleutherAI/pythia-70m@step1000", 4)).isEqualTo(0);
    assertThat(ModelShards.shardOf("EleutherAI/pythia-160m@step143000", 3)).isEqualTo(2);
    assertThat(ModelShards.shardOf("meta-llama/Llama-3.2-1B", 3)).isEqualTo(0);
    assertThat(ModelShards.shardOf("meta-llama/Llama-3.2-1B", 4)).isEqualTo(2);
    assertThat(ModelShards.shardOf("Qwen/Qwen2.5-0.5B", 3)).isEqualTo(1);
    assertThat(ModelShards.shardOf("abc", 4)).as("a three-byte tail").isEqualTo(3);
    assertThat(ModelShards.shardOf("ab", 3)).as("a two-byte tail").isEqualTo(2);
    assertThat(ModelShards.shardOf("é", 4)).as("the UTF-8 bytes of the id, not its chars").isEqualTo(3);
  }

  @Test
  void shouldPutEveryModelOnShardZeroOfOne() {
    assertThat(ModelShards.shardOf("EleutherAI/pythia-70m@step1000", 1)).isZero();
    assertThat(ModelShards.shardOf("gpt2", 1)).isZero();
  }

  @Test
  void shouldReadTheShardBackFromItsKey() {
    assertThat(ModelShards.shardOfKey(ModelShards.key("pile", 2))).isEqualTo(2);
    assertThat(ModelShards.key("pile", 2)).isEqualTo("pile\u00002");
  }

  @Test
  void shouldRefuseFewerThanOneShard() {
    assertThatThrownBy(() -> ModelShards.shardOf("gpt2", 0)).hasMessageContaining("at least 1");
  }
}
