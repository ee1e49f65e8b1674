package io.modelmap.aggregator.agreement;

import static io.modelmap.aggregator.restore.RestoreProbe.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.aggregator.ingest.ParkedRecord;
import io.modelmap.aggregator.ingest.SourceCoordinates;
import io.modelmap.aggregator.restore.RestoreProbe;
import io.modelmap.aggregator.restore.RestoreRejects;
import io.modelmap.math.agreement.PairCounts;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agreement stores' restores (issue 26): a changelog record whose key or value the store's own codec cannot
 * read is left out and counted; good records reach the store.
 */
class GuardedAgreementStoresTest {
  private final RestoreRejects rejects = new RestoreRejects(null, null, Clock.systemUTC());

  @Test
  void shouldRestoreOnlyPairCountsWhoseKeyAndValueRead() {
    byte[] key = bytes("a\0b");
    byte[] good = AgreementStores.counts(PairCounts.fromArray(new long[] {10, 6, 7, 5, 4, 2, 1, 0, 0, 1, 1}));

    List<Long> kept = RestoreProbe.keptOffsets(AgreementStores.supplier(AgreementStores.PAIRS), rejects, List.of(
        entry(key, good),
        entry(key, bytes("garbage")),
        entry(key, Arrays.copyOf(good, good.length - 3)), // truncated: not whole longs
        entry(key, Arrays.copyOf(good, 6 * Long.BYTES)), // whole longs, fewer than the seven fixed counts
        entry(bytes("no pair"), good)));

    assertThat(kept).containsExactly(0L);
    assertThat(rejects.count()).hasValue(4);
  }

  @Test
  void shouldRestoreOnlyItemsAndAnswersThatRead() {
    List<Long> items = RestoreProbe.keptOffsets(AgreementStores.supplier(AgreementStores.ITEMS), rejects, List.of(
        entry(bytes("b/1"), AgreementStores.ints(2, 4)), entry(bytes("b/2"), new byte[7])));
    List<Long> answers = RestoreProbe.keptOffsets(AgreementStores.supplier(AgreementStores.ANSWERS), rejects, List.of(
        entry(bytes(AgreementStores.answerKey("m", "b/1")), AgreementStores.chosen(1)),
        entry(bytes(AgreementStores.answerKey("m", "b/2")), new byte[3]),
        entry(bytes("m b/3"), AgreementStores.chosen(1))));

    assertThat(items).containsExactly(0L);
    assertThat(answers).containsExactly(0L);
    assertThat(rejects.count()).hasValue(3);
  }

  @Test
  void shouldRestoreOnlyParkedAnswersThatRead() {
    byte[] good = new ParkedRecord(1L, new SourceCoordinates("model-answers", 0, 3), bytes("avro")).encode();

    List<Long> kept = RestoreProbe.keptOffsets(AgreementStores.supplier(AgreementStores.PENDING), rejects, List.of(
        entry(bytes("b/model-answers-0@3"), good), entry(bytes("b/model-answers-0@4"), bytes("garbage"))));

    assertThat(kept).containsExactly(0L);
    assertThat(rejects.count()).hasValue(1);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
