package io.modelmap.aggregator.prediction;

import static io.modelmap.aggregator.restore.RestoreProbe.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.aggregator.restore.RestoreFuzz;
import io.modelmap.aggregator.restore.RestoreProbe;
import io.modelmap.aggregator.restore.RestoreRejects;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The prediction task's binary stores' restores (issue 26): only values their codecs read reach the store. */
class GuardedPredictionStoresTest {
  private final RestoreRejects rejects = new RestoreRejects(null, null, Clock.systemUTC());

  @Test
  void shouldRestoreOnlyScoresThatRead() {
    byte[] key = bytes("m/b");
    byte[] good = PredictionStores.score(0.5, true, 5, "acc");

    List<Long> kept = RestoreProbe.keptOffsets(PredictionStores.binary(PredictionStores.SCORES), rejects, List.of(
        entry(key, good), entry(key, bytes("short")), entry(key, Arrays.copyOf(good, 7))));

    assertThat(kept).containsExactly(0L);
    assertThat(rejects.count()).hasValue(2);
  }

  @Test
  void shouldRestoreOnlyEmbeddingsOfWholeDoubles() {
    byte[] key = bytes("m");
    byte[] good = PredictionStores.embedding(new double[] {0.5, -1.0});

    List<Long> kept = RestoreProbe.keptOffsets(PredictionStores.binary(PredictionStores.EMBEDDINGS), rejects,
        List.of(entry(key, good), entry(key, bytes("garbage")), entry(key, Arrays.copyOf(good, 15))));

    assertThat(kept).containsExactly(0L);
    assertThat(rejects.count()).hasValue(2);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** 4,000 seeded records through each binary prediction store's restore: crafted ones left out, none thrown. */
  @Test
  void shouldSurviveThousandsOfRandomAndCraftedRecords() {
    RestoreFuzz.check(PredictionStores.binary(PredictionStores.SCORES),
        r -> entry(bytes("m" + r.nextInt(9) + "/b"), PredictionStores.score(r.nextDouble(), r.nextBoolean(), r.nextInt(6),
            "acc")),
        List.of(entry(bytes("m/b"), new byte[7]), entry(bytes("m/b"), new byte[0])), 1L, 4_000);
    RestoreFuzz.check(PredictionStores.binary(PredictionStores.EMBEDDINGS), r -> {
      double[] vector = new double[1 + r.nextInt(16)];
      for (int i = 0; i < vector.length; i++) {
        vector[i] = r.nextGaussian();
      }
      return entry(bytes("m" + r.nextInt(9)), PredictionStores.embedding(vector));
    }, List.of(entry(bytes("m"), new byte[15]), entry(bytes("m"), new byte[7])), 2L, 4_000);
  }
}
