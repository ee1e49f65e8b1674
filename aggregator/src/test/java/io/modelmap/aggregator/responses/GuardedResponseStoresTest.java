package io.modelmap.aggregator.responses;

import static io.modelmap.aggregator.restore.RestoreProbe.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.aggregator.restore.RestoreFuzz;
import io.modelmap.aggregator.restore.RestoreProbe;
import io.modelmap.aggregator.restore.RestoreRejects;
import io.modelmap.math.responses.PairSums;
import io.modelmap.math.responses.ResponsePair;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The response stores' restores (issue 26): a changelog record whose key or value the store's own codec cannot
 * read is left out and counted; good records reach the store.
 */
class GuardedResponseStoresTest {
  private final RestoreRejects rejects = new RestoreRejects(null, null, Clock.systemUTC());

  @Test
  void shouldRestoreOnlyPairSumsWhoseKeyAndValueRead() {
    byte[] key = bytes("a\0b");
    byte[] good = ResponseStores.sums(PairSums.fromLongs(new long[] {1, 2, 3, 4, 5}));

    List<Long> kept = RestoreProbe.keptOffsets(ResponseStores.supplier(ResponseStores.PAIRS), rejects, List.of(
        entry(key, good), entry(key, bytes("garbage")), entry(key, Arrays.copyOf(good, 32)),
        entry(key, Arrays.copyOf(good, 48)), entry(bytes("no pair"), good)));

    assertThat(kept).containsExactly(0L);
    assertThat(rejects.count()).hasValue(4);
  }

  @Test
  void shouldRestoreOnlyResponsesWhoseKeyAndTokensRead() {
    byte[] key = bytes(ResponseStores.responseKey("p", "m"));
    byte[] good = ResponseStores.tokens(new ResponsePair.Tokens(List.of("run"), List.of("running")));

    List<Long> kept = RestoreProbe.keptOffsets(ResponseStores.supplier(ResponseStores.RESPONSES), rejects, List.of(
        entry(key, good), entry(key, bytes("no newline")), entry(bytes("p m"), good)));

    assertThat(kept).containsExactly(0L);
    assertThat(rejects.count()).hasValue(2);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** 4,000 seeded records through each response store's restore: valid ones kept, crafted ones left out, none thrown. */
  @Test
  void shouldSurviveThousandsOfRandomAndCraftedRecordsInEveryStore() {
    RestoreFuzz.check(ResponseStores.supplier(ResponseStores.RESPONSES),
        r -> entry(bytes(ResponseStores.responseKey("p" + r.nextInt(50), "m" + r.nextInt(9))), ResponseStores.tokens(
            new ResponsePair.Tokens(List.of("w" + r.nextInt(99), "run"), List.of("w" + r.nextInt(99), "running")))),
        List.of(entry(bytes(ResponseStores.responseKey("p", "m")), bytes("no newline")),
            entry(bytes("p m"), bytes("a\nb"))), 1L, 4_000);
    byte[] sums = ResponseStores.sums(PairSums.fromLongs(new long[] {1, 2, 3, 4, 5}));
    RestoreFuzz.check(ResponseStores.supplier(ResponseStores.PAIRS), r -> entry(bytes("m" + r.nextInt(9) + "\0n"),
        ResponseStores.sums(PairSums.fromLongs(new long[] {r.nextInt(99), r.nextInt(99), r.nextInt(99), r.nextInt(99),
            r.nextInt(99)}))),
        List.of(entry(bytes("a\0b"), Arrays.copyOf(sums, 32)), entry(bytes("a\0b"), Arrays.copyOf(sums, 48)),
            entry(bytes("no pair"), sums)), 2L, 4_000);
  }
}
