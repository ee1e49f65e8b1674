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
 * listing is read back to it, not further) and the registrations of the last hour (the rate limit).
 */
public final class WatchState {
  private final Set<String> decided = new HashSet<>();
  private final Deque<Instant> registrations = new ArrayDeque<>();
  private Optional<Instant> position = Optional.empty();

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
    stored.values().stream().filter(d -> !decided(d.getRepo(), d.getCommit()))
        .sorted(java.util.Comparator.comparingLong(HubDecision::getDecidedAtMs)).forEach(this::add);
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

  /** Registrations in the hour before {@code now}. */
  int registeredWithinHourOf(Instant now) {
    Instant hourAgo = now.minus(Duration.ofHours(1));
    while (!registrations.isEmpty() && !registrations.peekFirst().isAfter(hourAgo)) {
      registrations.removeFirst();
    }
    return registrations.size();
  }

  void add(HubDecision decision) {
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
