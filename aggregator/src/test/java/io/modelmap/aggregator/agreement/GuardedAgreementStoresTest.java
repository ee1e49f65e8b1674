package io.modelmap.aggregator.agreement;

import static io.modelmap.aggregator.restore.RestoreProbe.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.aggregator.ingest.ParkedRecord;
import io.modelmap.aggregator.ingest.SourceCoordinates;
import io.modelmap.aggregator.restore.RestoreFuzz;
import io.modelmap.aggregator.restore.RestoreProbe;
import io.modelmap.aggregator.restore.RestoreRejects;
import io.modelmap.math.agreement.PairCounts;
import io.modelmap.schemas.avro.McAnswer;
import io.modelmap.schemas.avro.McAnswers;
import io.modelmap.schemas.registry.InMemorySchemaRegistryClient;
import io.modelmap.schemas.serde.ConfluentAvroDeserializer;
import io.modelmap.schemas.serde.ConfluentAvroSerializer;
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
  private static final InMemorySchemaRegistryClient REGISTRY = new InMemorySchemaRegistryClient();
  private static final ConfluentAvroSerializer<McAnswers> ANSWERS_OUT = new ConfluentAvroSerializer<>(REGISTRY, false);
  private static final ConfluentAvroDeserializer<McAnswers> ANSWERS_IN =
      new ConfluentAvroDeserializer<>(REGISTRY, McAnswers.class);
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
    byte[] good = parked(3, ANSWERS_OUT.serialize("mc-answers", answers()));

    List<Long> kept = RestoreProbe.keptOffsets(AgreementStores.pendingSupplier(ANSWERS_IN), rejects, List.of(
        entry(bytes("b/model-answers-0@3"), good), entry(bytes("b/model-answers-0@4"), bytes("garbage"))));

    assertThat(kept).containsExactly(0L);
    assertThat(rejects.count()).hasValue(1);
  }

  /** A parked record's inner mc-answers record is checked on restore, not met by the processor later. */
  @Test
  void shouldLeaveOutParkedAnswersWhoseRecordDoesNotDecode() {
    int schemaId = REGISTRY.register("mc-answers-value", McAnswers.getClassSchema());

    List<Long> kept = RestoreProbe.keptOffsets(AgreementStores.pendingSupplier(ANSWERS_IN), rejects, List.of(
        entry(bytes("b/model-answers-0@3"), parked(3, ANSWERS_OUT.serialize("mc-answers", answers()))),
        entry(bytes("b/model-answers-0@4"), parked(4, RestoreProbe.lengthBomb(schemaId))),
        entry(bytes("b/model-answers-0@5"), parked(5, bytes("avro")))));

    assertThat(kept).containsExactly(0L);
    assertThat(rejects.count()).hasValue(2);
  }

  private static byte[] parked(long offset, byte[] record) {
    return new ParkedRecord(1L, new SourceCoordinates("mc-answers", 0, offset), record).encode();
  }

  private static McAnswers answers() {
    return McAnswers.newBuilder().setModelId("m").setBenchmarkId("b").setAnswers(List.of(
        McAnswer.newBuilder().setItemId("1").setChosenIndex(2).build())).build();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** 4,000 seeded records through each agreement store's restore: valid ones kept, crafted ones left out, none thrown. */
  @Test
  void shouldSurviveThousandsOfRandomAndCraftedRecordsInEveryStore() {
    RestoreFuzz.check(AgreementStores.supplier(AgreementStores.ITEMS),
        r -> entry(bytes("b/" + r.nextInt(500)), AgreementStores.ints(r.nextInt(4), 2 + r.nextInt(8))),
        List.of(entry(bytes("b/1"), new byte[7]), entry(bytes("b/1"), new byte[0])), 1L, 4_000);
    RestoreFuzz.check(AgreementStores.supplier(AgreementStores.ANSWERS),
        r -> entry(bytes(AgreementStores.answerKey("m" + r.nextInt(9), "b/" + r.nextInt(500))),
            AgreementStores.chosen(r.nextInt(10) - 1)),
        List.of(entry(bytes(AgreementStores.answerKey("m", "b/1")), new byte[3]),
            entry(bytes("m b/1"), AgreementStores.chosen(1))), 2L, 4_000);
    byte[] counts = AgreementStores.counts(PairCounts.fromArray(new long[] {1, 2, 3, 4, 5, 6, 7, 8}));
    RestoreFuzz.check(AgreementStores.supplier(AgreementStores.PAIRS), r -> {
      long[] values = new long[7 + r.nextInt(4)];
      for (int i = 0; i < values.length; i++) {
        values[i] = r.nextInt(1_000);
      }
      return entry(bytes("m" + r.nextInt(9) + "\0n" + r.nextInt(9)), AgreementStores.counts(PairCounts.fromArray(values)));
    }, List.of(entry(bytes("a\0b"), Arrays.copyOf(counts, 6 * Long.BYTES)), entry(bytes("a\0b"), Arrays.copyOf(counts, 60)),
        entry(bytes("no pair"), counts)), 3L, 4_000);
    int schemaId = REGISTRY.register("mc-answers-value", McAnswers.getClassSchema());
    RestoreFuzz.check(AgreementStores.pendingSupplier(ANSWERS_IN), r -> entry(bytes("b/mc-answers-0@" + r.nextInt(100)),
        parked(r.nextInt(100), ANSWERS_OUT.serialize("mc-answers", answers()))),
        List.of(entry(bytes("b/mc-answers-0@1"), parked(1, RestoreProbe.lengthBomb(schemaId))),
            entry(bytes("b/mc-answers-0@1"), new byte[23])), 4L, 4_000);
  }
}
