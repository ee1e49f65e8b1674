package io.modelmap.aggregator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.aggregator.api.body.HubDecisionBody;
import io.modelmap.schemas.avro.HubDecision;
import io.modelmap.schemas.avro.HubDecisionKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Hub decisions panel's answer: the latest decisions first, at most max, each as the watcher recorded it. */
class HubDecisionAnswersTest {
  private static final String C1 = "1".repeat(40);
  private static final String C2 = "2".repeat(40);

  private static HubDecision decision(String repo, String commit, HubDecisionKind kind, String rule, String reason,
      String modelId, long decidedAtMs) {
    return HubDecision.newBuilder().setRepo(repo).setCommit(commit).setDecision(kind).setRule(rule).setReason(reason)
        .setModelId(modelId).setLastModifiedMs(1L).setDecidedAtMs(decidedAtMs).build();
  }

  private final InMemoryViews views = new InMemoryViews().put(Views.HUB_DECISIONS,
      d -> d.getRepo() + "@" + d.getCommit(), List.of(
          decision("org/a", C1, HubDecisionKind.REGISTERED, "all-rules", "model_type llama", "org/a", 1_000),
          decision("org/big", C1, HubDecisionKind.SKIPPED, "max-parameters", "5000 parameters, more than 1000", null,
              3_000),
          decision("org/a", C2, HubDecisionKind.REGISTERED, "replay", "replayed by hand", "org/a@" + C2, 2_000)));

  @Test
  void shouldListTheLatestDecisionsFirstWithTheirRuleAndReason() {
    assertThat(new HubDecisionAnswers(views).latest(50)).containsExactly(
        new HubDecisionBody(3_000, "org/big", C1, "skipped", "max-parameters", "5000 parameters, more than 1000", null),
        new HubDecisionBody(2_000, "org/a", C2, "registered", "replay", "replayed by hand", "org/a@" + C2),
        new HubDecisionBody(1_000, "org/a", C1, "registered", "all-rules", "model_type llama", "org/a"));
  }

  @Test
  void shouldKeepOnlyTheMaxLatest() {
    assertThat(new HubDecisionAnswers(views).latest(1)).extracting(HubDecisionBody::repo).containsExactly("org/big");
  }

  @Test
  void shouldLeaveOutAWatchersFirstStartRecord() {
    InMemoryViews withStart = new InMemoryViews().put(Views.HUB_DECISIONS, d -> d.getRepo() + "@" + d.getCommit(),
        List.of(decision("", "", HubDecisionKind.STARTED, "start", "first start", null, 5_000),
            decision("org/a", C1, HubDecisionKind.REGISTERED, "all-rules", "model_type llama", "org/a", 1_000)));

    assertThat(new HubDecisionAnswers(withStart).latest(50)).extracting(HubDecisionBody::repo)
        .containsExactly("org/a");
  }
}
