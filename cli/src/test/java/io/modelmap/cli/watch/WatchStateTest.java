package io.modelmap.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.avro.HubDecision;
import io.modelmap.schemas.avro.HubDecisionKind;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The state read back from hub-decisions, and caught up with another watcher's decisions. */
class WatchStateTest {
  private static final Instant T = Instant.parse("2026-12-07T12:00:00Z");

  private static HubDecision registered(String repo, long lastModifiedMs, Instant decidedAt) {
    return HubDecision.newBuilder().setRepo(repo).setCommit("a".repeat(40)).setDecision(HubDecisionKind.REGISTERED)
        .setRule("all-rules").setReason("r").setLastModifiedMs(lastModifiedMs).setDecidedAtMs(decidedAt.toEpochMilli())
        .build();
  }

  @Test
  void shouldCatchUpWithDecisionsItDidNotKnowCountingEachRegistrationOnce() {
    HubDecision mine = registered("org/a", 1_000, T.minusSeconds(600));
    HubDecision theirs = registered("org/b", 5_000, T.minusSeconds(60));
    WatchState state = WatchState.of(Map.of(WatchState.key("org/a", mine.getCommit()), mine));

    state.catchUp(Map.of(WatchState.key("org/a", mine.getCommit()), mine,
        WatchState.key("org/b", theirs.getCommit()), theirs));

    assertThat(state.decided("org/b", theirs.getCommit())).isTrue();
    assertThat(state.position()).isEqualTo(Optional.of(Instant.ofEpochMilli(5_000)));
    // two registrations in the hour before T: org/a's is not counted twice
    assertThat(state.registeredWithinHourOf(T)).isEqualTo(2);
  }

  @Test
  void shouldRecordAFirstStartOnceAndRestoreItWithoutCountingItAsADecision() {
    WatchState first = WatchState.of(Map.of());

    HubDecision started = first.recordStart(T, Optional.empty()).orElseThrow();
    WatchState restored = WatchState.of(Map.of(WatchState.STARTED_KEY, started));

    assertThat(started.getDecision()).isEqualTo(HubDecisionKind.STARTED);
    assertThat(started.getLastModifiedMs()).isEqualTo(T.toEpochMilli());
    assertThat(first.firstStart()).isEqualTo(Optional.of(T));
    assertThat(restored.firstStart()).isEqualTo(Optional.of(T));
    assertThat(restored.position()).isEmpty();
    assertThat(restored.registeredWithinHourOf(T.plusSeconds(60))).isZero();
    assertThat(restored.decided("", "")).isFalse();
    assertThat(restored.recordStart(T.plusSeconds(300), Optional.empty())).isEmpty();
    assertThat(restored.firstStart()).isEqualTo(Optional.of(T));
  }

  @Test
  void shouldRecordNoStartWhenTheRulesSetSinceOrAModelIsDecidedAlready() {
    HubDecision decided = registered("org/a", 1_000, T.minusSeconds(600));

    assertThat(WatchState.of(Map.of()).recordStart(T, Optional.of(T.minusSeconds(86_400)))).isEmpty();
    assertThat(WatchState.of(Map.of(WatchState.key("org/a", decided.getCommit()), decided))
        .recordStart(T, Optional.empty())).isEmpty();
  }
}
