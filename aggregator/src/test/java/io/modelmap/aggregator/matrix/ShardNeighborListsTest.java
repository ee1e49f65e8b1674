package io.modelmap.aggregator.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.math.Neighbor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A hand-worked merge: five models on three shards (A, B on shard 0; C, D on shard 1; E on shard 2), k = 2,
 * with the KL table AB 1, AC 4, AD 2, AE 5, BC 3, BD 6, BE 2.5, CD 1.5, CE 7, DE 0.5. By hand the top two are
 * A: B 1, D 2 · B: A 1, E 2.5 · C: D 1.5, B 3 · D: E 0.5, C 1.5 · E: D 0.5, B 2.5.
 */
class ShardNeighborListsTest {
  private static final int N = 40;

  @Test
  void shouldMergeEveryShardsBestIntoTheHomeShardsLists() {
    ShardNeighborLists shard0 = new ShardNeighborLists(3, 2);
    // A completes first: shard 0 has only A complete, so its own reply for A is empty
    shard0.merge("A", 0, shard0.best("A", kl("A", 0.0), N));
    // B completes: its row reaches shard 0, where A and B are complete
    assertThat(shard0.offer("B", kl("A", 1.0, "B", 0.0), N)).containsExactly("A");
    shard0.merge("B", 0, shard0.best("B", kl("A", 1.0, "B", 0.0), N));
    // shard 1 (C, D) and shard 2 (E) reply their best two for A and for B
    ShardNeighborLists shard1 = new ShardNeighborLists(3, 2);
    ShardNeighborLists shard2 = new ShardNeighborLists(3, 2);
    shard0.merge("A", 1, shard1.best("A", kl("C", 4.0, "D", 2.0), N));
    assertThat(shard0.isFinal("A")).as("two of three shards replied").isFalse();
    shard0.merge("A", 2, shard2.best("A", kl("E", 5.0), N));
    shard0.merge("B", 2, shard2.best("B", kl("E", 2.5), N));
    shard0.merge("B", 1, shard1.best("B", kl("C", 3.0, "D", 6.0), N));

    assertThat(shard0.list("A")).containsExactly(new Neighbor("B", 1.0, N), new Neighbor("D", 2.0, N));
    assertThat(shard0.list("B")).containsExactly(new Neighbor("A", 1.0, N), new Neighbor("E", 2.5, N));
    assertThat(shard0.isFinal("A")).isTrue();
    assertThat(shard0.isFinal("B")).isTrue();
  }

  @Test
  void shouldOfferAnArrivingRowIntoTheListsOfTheShardsOwnModels() {
    ShardNeighborLists shard1 = new ShardNeighborLists(3, 2);
    // C and D complete on shard 1 and have each other
    shard1.merge("C", 1, List.of(new Neighbor("D", 1.5, N)));
    shard1.merge("D", 1, List.of(new Neighbor("C", 1.5, N)));
    // rows of A, B and E arrive at shard 1
    assertThat(shard1.offer("A", kl("C", 4.0, "D", 2.0), N)).containsExactly("C", "D");
    shard1.offer("B", kl("C", 3.0, "D", 6.0), N);
    shard1.offer("E", kl("C", 7.0, "D", 0.5), N);

    assertThat(shard1.list("C")).containsExactly(new Neighbor("D", 1.5, N), new Neighbor("B", 3.0, N));
    assertThat(shard1.list("D")).containsExactly(new Neighbor("E", 0.5, N), new Neighbor("C", 1.5, N));
  }

  @Test
  void shouldChangeNothingWhenARowOrAReplyArrivesTwice() {
    ShardNeighborLists shard0 = new ShardNeighborLists(3, 2);
    shard0.merge("A", 1, List.of(new Neighbor("D", 2.0, N), new Neighbor("C", 4.0, N)));
    shard0.merge("A", 1, List.of(new Neighbor("D", 2.0, N), new Neighbor("C", 4.0, N)));
    assertThat(shard0.list("A")).containsExactly(new Neighbor("D", 2.0, N), new Neighbor("C", 4.0, N));
    assertThat(shard0.isFinal("A")).as("one shard replying twice is one reply").isFalse();
    shard0.offer("B", kl("A", 1.0), N);
    assertThat(shard0.offer("B", kl("A", 1.0), N)).as("the same row again changes no list").isEmpty();
    assertThat(shard0.list("A")).containsExactly(new Neighbor("B", 1.0, N), new Neighbor("D", 2.0, N));
  }

  @Test
  void shouldReadBackWhatItStored() {
    ShardNeighborLists stored = new ShardNeighborLists(3, 2);
    stored.merge("EleutherAI/pythia-70m@step1000", 2, List.of(new Neighbor("gpt2", 0.25, N)));
    stored.merge("EleutherAI/pythia-70m@step1000", 0, List.of());
    ShardNeighborLists restored = new ShardNeighborLists(3, 2);
    restored.restore("EleutherAI/pythia-70m@step1000", stored.encode("EleutherAI/pythia-70m@step1000"));
    assertThat(restored.list("EleutherAI/pythia-70m@step1000")).containsExactly(new Neighbor("gpt2", 0.25, N));
    assertThat(restored.isFinal("EleutherAI/pythia-70m@step1000")).isFalse();
    restored.merge("EleutherAI/pythia-70m@step1000", 1, List.of());
    assertThat(restored.isFinal("EleutherAI/pythia-70m@step1000")).as("shards 0 and 2 were restored").isTrue();
  }

  private static Map<String, Double> kl(Object... pairs) {
    Map<String, Double> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], (Double) pairs[i + 1]);
    }
    return map;
  }
}
