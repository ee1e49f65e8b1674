package io.modelmap.aggregator.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.math.agreement.PairCounts;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The agreement stores' binary layouts: each value comes back as written, and a broken one fails clearly. */
class AgreementStoresTest {

  @Test
  void shouldStoreAnItemAsGoldThenChoiceCount() {
    byte[] item = AgreementStores.ints(2, 4);
    assertThat(item).containsExactly(0, 0, 0, 2, 0, 0, 0, 4); // worked by hand: two big-endian ints
    assertThat(AgreementStores.gold(item)).isEqualTo(2);
    assertThat(AgreementStores.choices(item)).isEqualTo(4);
  }

  @Test
  void shouldRefuseATruncatedItem() {
    byte[] truncated = Arrays.copyOf(AgreementStores.ints(2, 4), 4);
    assertThatThrownBy(() -> AgreementStores.choices(truncated)).isInstanceOf(IllegalStateException.class)
        .hasMessage("stored item is unreadable: 4 bytes, at least 8 expected");
    assertThatThrownBy(() -> AgreementStores.gold(truncated)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldStoreAnAnswerAsItsChosenIndexUnreadableOnesAsMinusOne() {
    assertThat(AgreementStores.chosenIndex(AgreementStores.chosen(3))).isEqualTo(3);
    assertThat(AgreementStores.chosenIndex(AgreementStores.chosen(-1))).isEqualTo(-1);
    assertThatThrownBy(() -> AgreementStores.chosenIndex(new byte[2])).isInstanceOf(IllegalStateException.class)
        .hasMessage("stored answer is unreadable: 2 bytes, at least 4 expected");
  }

  @Test
  void shouldStorePairCountsAsLongsAndReadThemBackEqual() {
    // items, same, correctA, correctB, bothCorrect, bothWrong, agreeBothWrong, then both-wrong by choice count
    PairCounts counts = PairCounts.fromArray(new long[] {10, 6, 7, 5, 4, 2, 1, 0, 0, 1, 1});
    byte[] stored = AgreementStores.counts(counts);
    assertThat(stored).hasSize(11 * 8);
    assertThat(AgreementStores.counts(stored)).isEqualTo(counts);
    assertThat(AgreementStores.counts(stored).toArray()).containsExactly(10, 6, 7, 5, 4, 2, 1, 0, 0, 1, 1);
  }

  @Test
  void shouldRefuseTruncatedOrTooShortPairCounts() {
    byte[] stored = AgreementStores.counts(PairCounts.fromArray(new long[] {10, 6, 7, 5, 4, 2, 1, 1}));
    assertThatThrownBy(() -> AgreementStores.counts(Arrays.copyOf(stored, stored.length - 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("stored pair counts is unreadable: 63 bytes, not a whole number of 8-byte entries");
    assertThatThrownBy(() -> AgreementStores.counts(Arrays.copyOf(stored, 48)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("stored pair counts is unreadable: 48 bytes, at least 56 expected");
  }

  @Test
  void shouldSplitAnAnswerKeyIntoModelAndItem() {
    assertThat(AgreementStores.split(AgreementStores.answerKey("org/m", "mmlu/q-1"))).containsExactly("org/m", "mmlu/q-1");
    assertThat(AgreementStores.answerKey("org/m", "mmlu/q-1")).startsWith(AgreementStores.answerPrefix("org/m"));
    assertThatThrownBy(() -> AgreementStores.split("org/m mmlu/q-1")).isInstanceOf(IllegalStateException.class);
  }
}
