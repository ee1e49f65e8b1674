package io.modelmap.cli.watch;

import io.modelmap.hub.ListedModel;
import io.modelmap.schemas.avro.HubDecision;
import io.modelmap.schemas.avro.HubDecisionKind;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Registers by hand a model the watcher skipped ({@code watch-hub --replay org/name@commit}): once, whatever the
 * rules say, its new decision {@code registered} with rule {@value #RULE} and reason {@value #REASON} replacing the
 * skip under the same key. A model already registered is left as it is.
 */
public final class DecisionReplay {
  /** The rule a replayed decision names. */
  public static final String RULE = "replay";
  /** The reason a replayed decision gives. */
  public static final String REASON = "replayed by hand";

  private final WatchRules rules;
  private final HubWatcher.Registrar registrar;
  private final HubWatcher.DecisionSink sink;
  private final Clock clock;

  public DecisionReplay(WatchRules rules, HubWatcher.Registrar registrar, HubWatcher.DecisionSink sink, Clock clock) {
    this.rules = rules;
    this.registrar = registrar;
    this.sink = sink;
    this.clock = clock;
  }

  /**
   * Replays the decision stored under {@code key} ({@code org/name@commit}) in {@code stored}: the new decision, or
   * empty when that model is registered already.
   *
   * @throws IllegalArgumentException one line when the key is malformed or no decision is stored under it
   */
  public Optional<HubDecision> replay(Map<String, HubDecision> stored, String key) {
    int at = key.lastIndexOf('@');
    if (at <= 0 || at == key.length() - 1) {
      throw new IllegalArgumentException("'" + key + "' is not org/name@commit");
    }
    HubDecision skipped = stored.get(key);
    if (skipped == null) {
      throw new IllegalArgumentException(key + " has no decision on hub-decisions: only a model the watcher has"
          + " decided on can be replayed (register --model registers any other)");
    }
    if (skipped.getDecision() == HubDecisionKind.REGISTERED) {
      return Optional.empty();
    }
    String repo = skipped.getRepo();
    String commit = skipped.getCommit();
    Instant modified = Instant.ofEpochMilli(skipped.getLastModifiedMs());
    // the decision keeps no parameter count or licence: the registration goes without them
    ListedModel model = new ListedModel(repo, commit, modified, modified, Optional.of(rules.pipelineTag()), List.of(),
        Optional.empty(), false, false, OptionalLong.empty(), Optional.empty());
    String modelId = registrar.register(model);
    HubDecision decision = HubDecision.newBuilder(skipped).setDecision(HubDecisionKind.REGISTERED).setRule(RULE)
        .setReason(REASON).setModelId(modelId).setCorpusId(rules.corpus()).setDecidedAtMs(clock.millis()).build();
    sink.record(key, decision);
    return Optional.of(decision);
  }
}
