package io.modelmap.aggregator.embedding;

import static io.modelmap.aggregator.restore.RestoreProbe.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.aggregator.restore.RestoreFuzz;
import io.modelmap.aggregator.restore.RestoreProbe;
import io.modelmap.aggregator.restore.RestoreRejects;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The router store's restore (issue 26): only routers that read reach the store. */
class GuardedEmbeddingStoresTest {
  private final RestoreRejects rejects = new RestoreRejects(null, null, Clock.systemUTC());

  @Test
  void shouldRestoreOnlyRoutersThatRead() {
    byte[] key = EmbeddingStores.CURRENT.getBytes(StandardCharsets.UTF_8);
    byte[] good = RouterBytesTest.router().toBytes();
    byte[] longer = Arrays.copyOf(good, good.length + 8); // bytes after the last embedding: a length that lies

    List<Long> kept = RestoreProbe.keptOffsets(EmbeddingStores.supplier(EmbeddingStores.ROUTER), rejects, List.of(
        entry(key, good), entry(key, "garbage".getBytes(StandardCharsets.UTF_8)),
        entry(key, Arrays.copyOf(good, good.length - 1)), entry(key, longer)));

    assertThat(kept).containsExactly(0L);
    assertThat(rejects.count()).hasValue(3);
  }

  /** Sizes read from the bytes are checked before allocating: a few bytes never make the restore throw OOM. */
  @Test
  void shouldLeaveOutRoutersThatClaimMoreThanTheirBytes() {
    byte[] key = EmbeddingStores.CURRENT.getBytes(StandardCharsets.UTF_8);
    byte[] hugeEncoder = ByteBuffer.allocate(16).putInt(7).putInt(30).array(); // 2^30 floats
    byte[] hugeProjection = ByteBuffer.allocate(32).putInt(7).putInt(0).putFloat(1f) // a one-bucket encoder
        .putInt(46_340).putInt(46_340).array(); // 46,340² doubles: beyond the VM's array limit

    List<Long> kept = RestoreProbe.keptOffsets(EmbeddingStores.supplier(EmbeddingStores.ROUTER), rejects, List.of(
        entry(key, hugeEncoder), entry(key, hugeProjection)));

    assertThat(kept).isEmpty();
    assertThat(rejects.count()).hasValue(2);
  }

  /** 4,000 seeded records through the router store's restore: crafted size bombs left out, nothing thrown. */
  @Test
  void shouldSurviveThousandsOfRandomAndCraftedRouters() {
    byte[] key = EmbeddingStores.CURRENT.getBytes(StandardCharsets.UTF_8);
    byte[] good = RouterBytesTest.router().toBytes();
    RestoreFuzz.check(EmbeddingStores.supplier(EmbeddingStores.ROUTER), r -> entry(key, good),
        List.of(entry(key, ByteBuffer.allocate(16).putInt(7).putInt(30).array()),
            entry(key, ByteBuffer.allocate(32).putInt(7).putInt(0).putFloat(1f).putInt(46_340).putInt(46_340).array()),
            entry(key, Arrays.copyOf(good, good.length + 8))), 1L, 4_000);
  }
}
