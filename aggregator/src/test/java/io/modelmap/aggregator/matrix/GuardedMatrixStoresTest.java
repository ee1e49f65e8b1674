package io.modelmap.aggregator.matrix;

import static io.modelmap.aggregator.restore.RestoreProbe.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.aggregator.ingest.ParkedRecord;
import io.modelmap.aggregator.ingest.SourceCoordinates;
import io.modelmap.aggregator.restore.RestoreFuzz;
import io.modelmap.aggregator.restore.RestoreProbe;
import io.modelmap.aggregator.restore.RestoreRejects;
import io.modelmap.schemas.avro.TextScore;
import io.modelmap.schemas.avro.TextScores;
import io.modelmap.schemas.registry.InMemorySchemaRegistryClient;
import io.modelmap.schemas.serde.ConfluentAvroDeserializer;
import io.modelmap.schemas.serde.ConfluentAvroSerializer;
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
  private static final InMemorySchemaRegistryClient REGISTRY = new InMemorySchemaRegistryClient();
  private static final ConfluentAvroSerializer<TextScores> SCORES_OUT = new ConfluentAvroSerializer<>(REGISTRY, false);
  private static final ConfluentAvroDeserializer<TextScores> SCORES_IN =
      new ConfluentAvroDeserializer<>(REGISTRY, TextScores.class);
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
    byte[] good = parked(7, SCORES_OUT.serialize("text-scores", scores("m")));
    byte[] topicLengthLies = Arrays.copyOf(good, good.length);
    ByteBuffer.wrap(topicLengthLies).putInt(20, 1_000); // the topic's length, after 8 + 4 + 8 bytes

    List<Long> kept = RestoreProbe.keptOffsets(MatrixStores.pendingSupplier(SCORES_IN), rejects, List.of(
        entry(bytes("c/text-scores-0@7"), good), entry(bytes("c/text-scores-0@8"), topicLengthLies),
        entry(bytes("c/text-scores-0@9"), Arrays.copyOf(good, 10))));

    assertThat(kept).containsExactly(0L);
    assertThat(rejects.count()).hasValue(2);
  }

  /**
   * A parked score's inner text-scores record is checked on restore like every other store's values: before,
   * only the envelope was, and the processor met the poisoned record when it looked for the owner of the
   * parked scores (a SerializationException, or an OutOfMemoryError for a length bomb, on the stream thread).
   */
  @Test
  void shouldLeaveOutAParkedScoreWhoseTextScoresRecordDoesNotDecode() {
    int schemaId = REGISTRY.register("text-scores-value", TextScores.getClassSchema());
    byte[] wrongMagicByte = SCORES_OUT.serialize("text-scores", scores("m"));
    wrongMagicByte[0] = 'n';

    List<Long> kept = RestoreProbe.keptOffsets(MatrixStores.pendingSupplier(SCORES_IN), rejects, List.of(
        entry(bytes("c/text-scores-0@7"), parked(7, SCORES_OUT.serialize("text-scores", scores("m")))),
        entry(bytes("c/text-scores-0@8"), parked(8, RestoreProbe.lengthBomb(schemaId))),
        entry(bytes("c/text-scores-0@9"), parked(9, wrongMagicByte)),
        entry(bytes("c/text-scores-0@10"), parked(10, bytes("avro"))),
        entry(bytes("c/text-scores-0@11"), parked(11, new byte[0]))));

    assertThat(kept).containsExactly(0L);
    assertThat(rejects.count()).hasValue(4);
  }

  private static byte[] parked(long offset, byte[] record) {
    return new ParkedRecord(1L, new SourceCoordinates("text-scores", 0, offset), record).encode();
  }

  private static TextScores scores(String model) {
    return TextScores.newBuilder().setModelId(model).setCorpusId("c").setTaskId("t").setScores(List.of(
        TextScore.newBuilder().setTextId("t1").setLogLikelihood(-3.5).setTokensScored(4).build())).build();
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

  /** 4,000 seeded records through each matrix store's restore: valid ones kept, crafted ones left out, none thrown. */
  @Test
  void shouldSurviveThousandsOfRandomAndCraftedRecordsInEveryStore() {
    byte[] goodText = MatrixStores.textValue(0, 10, 100, "prose");
    RestoreFuzz.check(MatrixStores.supplier(MatrixStores.TEXTS), r -> entry(
        bytes(MatrixStores.inCorpus("c" + r.nextInt(3), "t" + r.nextInt(1_000))),
        MatrixStores.textValue(r.nextInt(1_000), 1_000, r.nextInt(10_000), "cat" + r.nextInt(5))),
        List.of(entry(bytes(MatrixStores.inCorpus("c", "t")), new byte[11]), entry(bytes("no corpus"), goodText)),
        1L, 4_000);
    byte[] pair = MatrixStores.scoresValue(new int[] {0}, new double[] {-1.0}, 1);
    RestoreFuzz.check(MatrixStores.supplier(MatrixStores.SCORES), r -> {
      int count = 1 + r.nextInt(8);
      int[] indices = new int[count];
      double[] logLikelihoods = new double[count];
      for (int i = 0; i < count; i++) {
        indices[i] = r.nextInt(1_000);
        logLikelihoods[i] = -100 * r.nextDouble();
      }
      return entry(MatrixStores.scoreKey("c", "m" + r.nextInt(9), r.nextInt(100)).get(),
          MatrixStores.scoresValue(indices, logLikelihoods, count));
    }, List.of(entry(MatrixStores.scoreKey("c", "m", 0).get(), Arrays.copyOf(pair, 11)),
        entry(MatrixStores.scoreKey("c", "m", 0).get(), Arrays.copyOf(pair, 13))), 2L, 4_000);
    int schemaId = REGISTRY.register("text-scores-value", TextScores.getClassSchema());
    byte[] topicLengthLies = parked(1, SCORES_OUT.serialize("text-scores", scores("m")));
    ByteBuffer.wrap(topicLengthLies).putInt(20, Integer.MAX_VALUE - 8);
    RestoreFuzz.check(MatrixStores.pendingSupplier(SCORES_IN), r -> entry(bytes("c/text-scores-0@" + r.nextInt(100)),
        parked(r.nextInt(100), SCORES_OUT.serialize("text-scores", scores("m" + r.nextInt(9))))),
        List.of(entry(bytes("c/text-scores-0@1"), parked(1, RestoreProbe.lengthBomb(schemaId))),
            entry(bytes("c/text-scores-0@1"), topicLengthLies)), 3L, 4_000);
  }
}
