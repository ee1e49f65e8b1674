package io.modelmap.aggregator.matrix;

import static io.modelmap.aggregator.restore.RestoreProbe.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.aggregator.ingest.ParkedRecord;
import io.modelmap.aggregator.ingest.SourceCoordinates;
import io.modelmap.aggregator.restore.RestoreProbe;
import io.modelmap.aggregator.restore.RestoreRejects;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The matrix stores' restores (issue 26): a changelog record whose key or value the store's own codec cannot
 * read is left out and counted; good records and deletions reach the store.
 */
class GuardedMatrixStoresTest {
  private final RestoreRejects rejects = new RestoreRejects(null, null, Clock.systemUTC());

  @Test
  void shouldRestoreOnlyScoreEntriesWhoseKeyAndValueRead() {
    byte[] key = MatrixStores.scoreKey("c", "m", 0).get();
    byte[] good = MatrixStores.scoresValue(new int[] {0, 1}, new double[] {-1.0, -2.0}, 2);
    byte[] lastSequenceByteCut = Arrays.copyOf(key, key.length - 1);

    List<Long> kept = RestoreProbe.keptOffsets(MatrixStores.supplier(MatrixStores.SCORES), rejects, List.of(
        entry(key, good),
        entry(key, bytes("garbage")),
        entry(key, Arrays.copyOf(good, good.length - 1)), // truncated
        entry(key, Arrays.copyOf(good, 13)), // one pair and one byte of the next: lies about its length
        entry(bytes("no separators"), good),
        entry(lastSequenceByteCut, good),
        entry(key, new byte[0]))); // no pair: an entry of zero scores reads

    assertThat(kept).containsExactly(0L, 6L);
    assertThat(rejects.count()).hasValue(5);
  }

  @Test
  void shouldRestoreOnlyTextEntriesThatRead() {
    byte[] key = bytes(MatrixStores.inCorpus("c", "t1"));
    byte[] good = MatrixStores.textValue(3, 10, 120, "math");

    List<Long> kept = RestoreProbe.keptOffsets(MatrixStores.supplier(MatrixStores.TEXTS), rejects, List.of(
        entry(key, good), entry(key, Arrays.copyOf(good, 11)), entry(bytes("t1"), good),
        entry(key, null)));

    assertThat(kept).as("a deletion is kept").containsExactly(0L, 3L);
    assertThat(rejects.count()).hasValue(2);
  }

  @Test
  void shouldRestoreOnlyParkedScoresThatRead() {
    byte[] good = new ParkedRecord(1L, new SourceCoordinates("text-scores", 0, 7), bytes("avro")).encode();
    byte[] topicLengthLies = Arrays.copyOf(good, good.length);
    ByteBuffer.wrap(topicLengthLies).putInt(20, 1_000); // the topic's length, after 8 + 4 + 8 bytes

    List<Long> kept = RestoreProbe.keptOffsets(MatrixStores.supplier(MatrixStores.PENDING), rejects, List.of(
        entry(bytes("c/text-scores-0@7"), good), entry(bytes("c/text-scores-0@8"), topicLengthLies),
        entry(bytes("c/text-scores-0@9"), Arrays.copyOf(good, 10))));

    assertThat(kept).containsExactly(0L);
    assertThat(rejects.count()).hasValue(2);
  }

  @Test
  void shouldRestoreOnlyCompletionsAndRegistrationsWhoseKeyNamesCorpusAndModel() {
    for (String store : List.of(MatrixStores.COMPLETIONS, MatrixStores.REGISTERED)) {
      List<Long> kept = RestoreProbe.keptOffsets(MatrixStores.supplier(store), rejects, List.of(
          entry(bytes(MatrixStores.inCorpus("c", "m")), new byte[0]), entry(bytes("no corpus"), new byte[0])));
      assertThat(kept).as(store).containsExactly(0L);
    }
    assertThat(rejects.count()).hasValue(2);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
