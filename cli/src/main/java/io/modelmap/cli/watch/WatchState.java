package io.modelmap.cli.watch;

import io.modelmap.schemas.avro.HubDecision;
import io.modelmap.schemas.avro.HubDecisionKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the watcher has done, rebuilt from the {@code hub-decisions} topic on start: the decided
 * {@code repo@commit} keys (never decided again), the position (the latest {@code lastModified} decided: the
 * listing is read back to it, not further), the registrations of the last hour (the rate limit) and the first
 * start, stored under {@link #STARTED_KEY} (a restart before any decision reads back to it, not to its own start).
 */
public final class WatchState {
  /** The key of the first-start record on {@code hub-decisions}: no {@code @}, so never a model's key. */
  public static final String STARTED_KEY = "watcher-started";

  private final Set<String> decided = new HashSet<>();
  private final Deque<Instant> registrations = new ArrayDeque<>();
  private Optional<Instant> position = Optional.empty();
  private Optional<Instant> firstStart = Optional.empty();

  /** The state the decisions stored under their keys give. */
  public static WatchState of(Map<String, HubDecision> stored) {
    WatchState state = new WatchState();
    stored.values().stream().sorted(java.util.Comparator.comparingLong(HubDecision::getDecidedAtMs))
        .forEach(state::add);
    return state;
  }

  /**
   * Adds the decisions of {@code stored} not known yet (another watcher's, while this one waited for the lease),
   * oldest first.
   */
  public void catchUp(Map<String, HubDecision> stored) {
    stored.values().stream()
        .filter(d -> d.getDecision() == HubDecisionKind.STARTED || !decided(d.getRepo(), d.getCommit()))
        .sorted(java.util.Comparator.comparingLong(HubDecision::getDecidedAtMs)).forEach(this::add);
  }

  /**
   * The record of a first start at {@code now}, to store under {@link #STARTED_KEY} before the first look, and added
   * to this state; empty when there is nothing to mark: a start is stored already, a model is decided (the position
   * rules), or the rules set {@code since} (the listing is read back there on every start).
   */
  public Optional<HubDecision> recordStart(Instant now, Optional<Instant> since) {
    if (since.isPresent() || position.isPresent() || firstStart.isPresent()) {
      return Optional.empty();
    }
    HubDecision started = started(now);
    add(started);
    return Optional.of(started);
  }

  private static HubDecision started(Instant at) {
    return HubDecision.newBuilder().setRepo("").setCommit("").setDecision(HubDecisionKind.STARTED).setRule("start")
        .setReason("first start: models pushed from " + at + " on are decided").setLastModifiedMs(at.toEpochMilli())
        .setDecidedAtMs(at.toEpochMilli()).build();
  }

  /** The key of a model at a commit on {@code hub-decisions}. */
  public static String key(String repo, String commit) {
    return repo + "@" + commit;
  }

  boolean decided(String repo, String commit) {
    return decided.contains(key(repo, commit));
  }

  Optional<Instant> position() {
    return position;
  }

  /** When the first start of a watcher without {@code since} was, if one was recorded. */
  Optional<Instant> firstStart() {
    return firstStart;
  }

  /** Registrations in the hour before {@code now}. */
  int registeredWithinHourOf(Instant now) {
    Instant hourAgo = now.minus(Duration.ofHours(1));
    while (!registrations.isEmpty() && !registrations.peekFirst().isAfter(hourAgo)) {
      registrations.removeFirst();
    }
    return registrations.size();
  }

  void add(HubDecision decision) {
    if (decision.getDecision() == HubDecisionKind.STARTED) {
      firstStart = Optional.of(Instant.ofEpochMilli(decision.getLastModifiedMs()));
      return;
    }
    decided.add(key(decision.getRepo(), decision.getCommit()));
    Instant modified = Instant.ofEpochMilli(decision.getLastModifiedMs());
    if (position.isEmpty() || modified.isAfter(position.get())) {
      position = Optional.of(modified);
    }
    if (decision.getDecision() == HubDecisionKind.REGISTERED) {
      registrations.addLast(Instant.ofEpochMilli(decision.getDecidedAtMs()));
    }
  }
}
