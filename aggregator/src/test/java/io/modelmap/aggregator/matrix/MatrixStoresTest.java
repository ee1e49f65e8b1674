package io.modelmap.aggregator.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

/** The matrix stores' binary layouts: each value comes back as written, and a broken one fails clearly. */
class MatrixStoresTest {

  @Test
  void shouldStoreATextEntryAsThreeBigEndianIntsThenItsCategory() {
    byte[] stored = MatrixStores.textValue(3, 10, 120, "math");
    // worked by hand: 3, 10, 120 as 4-byte big-endian ints, then "math" in UTF-8
    assertThat(stored).containsExactly(0, 0, 0, 3, 0, 0, 0, 10, 0, 0, 0, 120, 'm', 'a', 't', 'h');
    assertThat(MatrixStores.TextEntry.parse(stored)).isEqualTo(new MatrixStores.TextEntry(3, 10, 120, "math"));
    assertThat(MatrixStores.TextEntry.parse(MatrixStores.textValue(0, 1, 0, "")))
        .isEqualTo(new MatrixStores.TextEntry(0, 1, 0, ""));
  }

  @Test
  void shouldRefuseATruncatedTextEntry() {
    byte[] truncated = Arrays.copyOf(MatrixStores.textValue(3, 10, 120, "math"), 11);
    assertThatThrownBy(() -> MatrixStores.TextEntry.parse(truncated)).isInstanceOf(IllegalStateException.class)
        .hasMessage("stored text entry is unreadable: 11 bytes, at least 12 expected");
  }

  @Test
  void shouldStoreAScoreKeyAsCorpusNulModelNulSequence() {
    Bytes key = MatrixStores.scoreKey("c1", "org/m-é", 7);
    byte[] model = "org/m-é".getBytes(StandardCharsets.UTF_8); // é takes two bytes
    assertThat(key.get()).hasSize(2 + 1 + model.length + 1 + 4);
    assertThat(Arrays.copyOfRange(key.get(), key.get().length - 4, key.get().length)).containsExactly(0, 0, 0, 7);
    assertThat(MatrixStores.ScoreKey.parse(key)).isEqualTo(new MatrixStores.ScoreKey("c1", "org/m-é", 7));
    assertThat(MatrixStores.ScoreKey.parse(MatrixStores.scoreKey("c", "m", Integer.MAX_VALUE)).sequence())
        .isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void shouldRefuseAScoreKeyWithoutItsSequenceOrWithoutNul() {
    byte[] whole = MatrixStores.scoreKey("c1", "m", 7).get();
    Bytes truncated = Bytes.wrap(Arrays.copyOf(whole, whole.length - 1));
    assertThatThrownBy(() -> MatrixStores.ScoreKey.parse(truncated)).isInstanceOf(IllegalStateException.class)
        .hasMessage("stored score key is unreadable: 3 bytes of sequence, 4 expected");
    Bytes garbage = Bytes.wrap("no separators".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> MatrixStores.ScoreKey.parse(garbage)).isInstanceOf(IllegalStateException.class)
        .hasMessage("malformed score key");
  }

  @Test
  void shouldStoreTheFirstCountScoresAsIndexAndLogLikelihoodPairs() {
    byte[] stored = MatrixStores.scoresValue(new int[] {2, 5, 9}, new double[] {-1.5, -0.25, 0}, 2);
    assertThat(stored).hasSize(2 * 12); // two (int, double) pairs; the third is beyond count
    List<String> read = new ArrayList<>();
    MatrixStores.forEachScore(stored, (index, ll) -> read.add(index + ":" + ll));
    assertThat(read).containsExactly("2:-1.5", "5:-0.25");
    MatrixStores.forEachScore(MatrixStores.scoresValue(new int[0], new double[0], 0), (i, ll) -> read.add("none"));
    assertThat(read).hasSize(2);
  }

  @Test
  void shouldRefuseATruncatedScoresEntryBeforeHandingOnAnyScore() {
    byte[] stored = MatrixStores.scoresValue(new int[] {2, 5}, new double[] {-1.5, -0.25}, 2);
    byte[] truncated = Arrays.copyOf(stored, stored.length - 1);
    List<Integer> read = new ArrayList<>();
    assertThatThrownBy(() -> MatrixStores.forEachScore(truncated, (index, ll) -> read.add(index)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("stored scores entry is unreadable: 23 bytes, not a whole number of 12-byte entries");
    assertThat(read).as("no score of a broken entry").isEmpty();
  }

  @Test
  void shouldSplitATextKeyIntoCorpusAndTextAndRefuseOneWithoutNul() {
    assertThat(MatrixStores.splitInCorpus(MatrixStores.inCorpus("c1", "t/42"))).containsExactly("c1", "t/42");
    assertThatThrownBy(() -> MatrixStores.splitInCorpus("c1-t42")).isInstanceOf(IllegalStateException.class)
        .hasMessage("stored text or completion key is unreadable: key 'c1-t42' has no NUL between its two ids");
  }
}
