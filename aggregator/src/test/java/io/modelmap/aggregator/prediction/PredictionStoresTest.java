package io.modelmap.aggregator.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The prediction stores' binary layouts: each value comes back as written, and a broken one fails clearly. */
class PredictionStoresTest {

  @Test
  void shouldStoreAScoreWithItsFlagShotsAndMetric() {
    byte[] stored = PredictionStores.score(0.75, true, 5, "acc");
    assertThat(stored).hasSize(8 + 1 + 4 + 3); // double, flag, int, "acc"
    assertThat(PredictionStores.scoreValue(stored)).isEqualTo(0.75);
    assertThat(PredictionStores.measured(stored)).isTrue();
    assertThat(PredictionStores.scoreShots(stored)).isEqualTo(5);
    assertThat(PredictionStores.scoreMetric(stored)).isEqualTo("acc");
  }

  @Test
  void shouldStoreAnImportedScoreWithoutShotsOrMetric() {
    byte[] stored = PredictionStores.score(-2.5, false, null, null);
    assertThat(stored).hasSize(13);
    assertThat(PredictionStores.scoreValue(stored)).isEqualTo(-2.5);
    assertThat(PredictionStores.measured(stored)).isFalse();
    assertThat(PredictionStores.scoreShots(stored)).isNull();
    assertThat(PredictionStores.scoreMetric(stored)).isNull();
  }

  @Test
  void shouldStillReadAScoreStoredAsItsDoubleAlone() {
    byte[] older = ByteBuffer.allocate(8).putDouble(0.5).array(); // written before the flag was kept
    assertThat(PredictionStores.scoreValue(older)).isEqualTo(0.5);
    assertThat(PredictionStores.measured(older)).isFalse();
    assertThat(PredictionStores.scoreShots(older)).isNull();
    assertThat(PredictionStores.scoreMetric(older)).isNull();
  }

  @Test
  void shouldRefuseAScoreShorterThanItsDouble() {
    byte[] truncated = Arrays.copyOf(PredictionStores.score(0.75, true, 5, "acc"), 5);
    assertThatThrownBy(() -> PredictionStores.scoreValue(truncated)).isInstanceOf(IllegalStateException.class)
        .hasMessage("stored score is unreadable: 5 bytes, at least 8 expected");
  }

  @Test
  void shouldStoreAnEmbeddingAsItsDoubles() {
    double[] vector = {1.0, -2.5, 1e-300, Double.MAX_VALUE};
    byte[] stored = PredictionStores.embedding(vector);
    assertThat(stored).hasSize(4 * 8);
    assertThat(PredictionStores.embedding(stored)).containsExactly(vector);
    assertThat(PredictionStores.embedding(PredictionStores.embedding(new double[0]))).isEmpty();
  }

  @Test
  void shouldRefuseATruncatedEmbedding() {
    byte[] truncated = Arrays.copyOf(PredictionStores.embedding(new double[] {1, 2}), 12);
    assertThatThrownBy(() -> PredictionStores.embedding(truncated)).isInstanceOf(IllegalStateException.class)
        .hasMessage("stored embedding is unreadable: 12 bytes, not a whole number of 8-byte entries");
  }
}
