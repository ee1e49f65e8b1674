package io.modelmap.it;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code map --shards 3}: the embedded aggregator spreads the corpus over three shards (three stream threads), and L,
 * Q and the neighbours still equal the reference, as {@link MapCommandIT}'s first test checks at one shard; the
 * export waits for no map positions or analytics, which are not computed over shards. About 40 s, so only with
 * {@code -Pshards} ({@code ./mvnw -B -Pshards -pl integration-tests -am verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false}); the default build excludes it.
 */
class ShardedMapCommandIT {
  @TempDir
  Path dir;

  @Test
  void shouldMapCheckpointsOverThreeShardsLikeTheIndependentReference() throws Exception {
    MapCommandIT.mapsLikeTheIndependentReference(dir, "--shards", "3");
  }
}
