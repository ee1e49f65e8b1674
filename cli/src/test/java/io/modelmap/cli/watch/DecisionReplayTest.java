package io.modelmap.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.schemas.avro.HubDecision;
import io.modelmap.schemas.avro.HubDecisionKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A skipped model replayed by hand is registered once, its decision replaced; nothing else is replayed. */
class DecisionReplayTest {
  private static final String COMMIT = "c".repeat(40);
  private static final String KEY = "org/big@" + COMMIT;
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

  @TempDir
  Path dir;
  private final Map<String, HubDecision> topic = new LinkedHashMap<>();
  private final List<String> registered = new ArrayList<>();

  private DecisionReplay replay() throws Exception {
    WatchRules rules = RulesFile.read(Files.writeString(dir.resolve("rules.yaml"), "corpus: docs\n"),
        List.of("llama"));
    return new DecisionReplay(rules, model -> {
      registered.add(model.id() + "@" + model.commit());
      return model.id();
    }, topic::put, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static HubDecision decision(HubDecisionKind kind) {
    return HubDecision.newBuilder().setRepo("org/big").setCommit(COMMIT).setDecision(kind).setRule("max-parameters")
        .setReason("5000 parameters, more than 1000").setLastModifiedMs(1_000L).setDecidedAtMs(2_000L).build();
  }

  @Test
  void shouldRegisterASkippedModelOnceAndRecordItAsReplayedByHand() throws Exception {
    topic.put(KEY, decision(HubDecisionKind.SKIPPED));
    DecisionReplay replay = replay();

    Optional<HubDecision> first = replay.replay(topic, KEY);
    Optional<HubDecision> second = replay.replay(topic, KEY);

    assertThat(registered).containsExactly(KEY);
    assertThat(first).isPresent();
    assertThat(second).isEmpty();
    HubDecision stored = topic.get(KEY);
    assertThat(stored.getDecision()).isEqualTo(HubDecisionKind.REGISTERED);
    assertThat(stored.getRule()).isEqualTo("replay");
    assertThat(stored.getReason()).isEqualTo("replayed by hand");
    assertThat(stored.getModelId()).isEqualTo("org/big");
    assertThat(stored.getCorpusId()).isEqualTo("docs");
    assertThat(stored.getLastModifiedMs()).isEqualTo(1_000L);
    assertThat(stored.getDecidedAtMs()).isEqualTo(NOW.toEpochMilli());
  }

  @Test
  void shouldRefuseAKeyWithoutADecisionOrWithoutACommitInOneLine() throws Exception {
    DecisionReplay replay = replay();

    assertThatThrownBy(() -> replay.replay(topic, KEY)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(KEY + " has no decision on hub-decisions: only a model the watcher has decided on can be"
            + " replayed (register --model registers any other)");
    assertThatThrownBy(() -> replay.replay(topic, "org/big")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'org/big' is not org/name@commit");
    assertThat(registered).isEmpty();
    assertThat(topic).isEmpty();
  }
}
