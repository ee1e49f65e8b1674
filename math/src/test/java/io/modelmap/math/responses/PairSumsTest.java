package io.modelmap.math.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PairSumsTest {
  private static final long HALF = 1L << 39; // 0.5 in units of 2^-40

  @Test
  void shouldAverageMeteorBesideTheOtherFour() {
    PairSums sums = new PairSums();
    sums.add(new ResponsePair(0.5, 0.25, 0.5, 0.125, 0.25));
    sums.add(new ResponsePair(0.5, 0.75, 0.5, 0.125, 0.75));
    assertThat(sums.means()).isEqualTo(new ResponsePair(0.5, 0.5, 0.5, 0.125, 0.5));
    assertThat(sums.toLongs()).containsExactly(2, 2 * HALF, 2 * HALF, 2 * HALF, HALF / 2, 2 * HALF, 2);
  }

  @Test
  void shouldAverageMeteorOnlyOverThePromptsComparedSinceItWasAdded() {
    // five longs: a pair stored before METEOR, two prompts with ROUGE-1 0.5 each
    PairSums old = PairSums.fromLongs(new long[] {2, 2 * HALF, 0, 0, 0});
    assertThat(old.means().meteor()).isNaN();
    assertThat(old.toLongs()).as("written back in the layout it was read in").hasSize(5);

    old.add(new ResponsePair(0.5, 0, 0, 0, 0.75));
    assertThat(old.prompts()).isEqualTo(3);
    assertThat(old.meteorPrompts()).isEqualTo(1);
    assertThat(old.means().rouge1()).isEqualTo(0.5);
    assertThat(old.means().meteor()).isEqualTo(0.75);
    assertThat(old.toLongs()).hasSize(7);
  }

  @Test
  void shouldRefuseStateOfAnyOtherLength() {
    assertThatThrownBy(() -> PairSums.fromLongs(new long[6])).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pair sums are 5 or 7 longs, not 6");
  }
}
