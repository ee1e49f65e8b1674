package io.modelmap.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NeighborRankingTest {

  @Test
  void shouldKeepListWhenCandidateIsFartherThanTheLastOfAFullList() {
    List<Neighbor> list = List.of(new Neighbor("a", 1, 5), new Neighbor("b", 2, 5));

    assertThat(NeighborRanking.offer(list, new Neighbor("c", 3, 5), 2)).isSameAs(list);
  }

  @Test
  void shouldInsertNearerCandidateAndDropTheFarthest() {
    List<Neighbor> list = List.of(new Neighbor("a", 1, 5), new Neighbor("b", 2, 5));

    List<Neighbor> next = NeighborRanking.offer(list, new Neighbor("c", 0.5, 5), 2);

    assertThat(next).extracting(Neighbor::modelId).containsExactly("c", "a");
  }

  @Test
  void shouldReplaceAnEarlierEstimateOfTheSameModel() {
    List<Neighbor> list = List.of(new Neighbor("a", 1, 5), new Neighbor("b", 2, 5));

    List<Neighbor> next = NeighborRanking.offer(list, new Neighbor("b", 0.1, 9), 3);

    assertThat(next).containsExactly(new Neighbor("b", 0.1, 9), new Neighbor("a", 1, 5));
  }
}
