package io.modelmap.producer.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticFleetTest {

  @Test
  void rowsAreNegativeHeavyTailedAndReproducible() {
    SyntheticMatrix m = new SyntheticMatrix(20, 2000, 4, 7);
    double[] row = m.row(3);
    assertThat(Arrays.stream(row).max().orElseThrow()).isNegative();
    assertThat(new SyntheticMatrix(20, 2000, 4, 7).row(3)).containsExactly(row);
    double[] sorted = row.clone();
    Arrays.sort(sorted);
    double median = sorted[1000];
    assertThat(median - sorted[20]).as("lower tail longer than the upper").isGreaterThan(sorted[1979] - median);
  }

  @Test
  void familyMembersAreCloserThanStrangers() {
    SyntheticMatrix m = new SyntheticMatrix(12, 3000, 4, 1);
    assertThat(distance(m.row(0), m.row(4))).isLessThan(distance(m.row(0), m.row(1)));
  }

  private static double distance(double[] a, double[] b) {
    double meanA = Arrays.stream(a).average().orElseThrow();
    double meanB = Arrays.stream(b).average().orElseThrow();
    double sum = 0;
    for (int s = 0; s < a.length; s++) {
      double d = (a[s] - meanA) - (b[s] - meanB);
      sum += d * d;
    }
    return sum;
  }

  @Test
  void scheduleCoversEveryTextOfEveryModelOnceAndInterleaves() {
    List<FleetSchedule.Chunk> chunks = FleetSchedule.interleaved(5, 25, 1000, 300, 4, 3);
    int[] covered = new int[25];
    for (FleetSchedule.Chunk c : chunks) {
      covered[c.model()] += c.to() - c.from();
      assertThat(c.last()).isEqualTo(c.to() == 1000);
    }
    assertThat(Arrays.copyOfRange(covered, 5, 25)).containsOnly(1000);
    assertThat(Arrays.copyOfRange(covered, 0, 5)).containsOnly(0);
    boolean interleaved = false;
    for (int i = 1; i < chunks.size(); i++) {
      interleaved |= chunks.get(i).model() != chunks.get(i - 1).model() && !chunks.get(i - 1).last();
    }
    assertThat(interleaved).isTrue();
  }
}
