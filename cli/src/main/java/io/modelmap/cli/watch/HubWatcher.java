package io.modelmap.cli.watch;

import io.modelmap.hub.HubException;
import io.modelmap.hub.ListedModel;
import io.modelmap.hub.ListingPage;
import io.modelmap.hub.ListingQuery;
import io.modelmap.hub.ModelListing;
import io.modelmap.schemas.avro.HubDecision;
import io.modelmap.schemas.avro.HubDecisionKind;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One look at the Hub: the listing, newest push first, read back to the stored position; every model at a commit
 * not yet decided is decided once, oldest first (so the position only moves over decided models), registered
 * through the {@link Registrar} when the rules pass, and its decision written to the {@link DecisionSink}
 * after the registration: a crash in between registers again at most, which the registrar answers idempotently.
 * At the rate limit the rest wait for a later look.
 */
public final class HubWatcher {
  /** Models per listing page: a tenth of the Hub's largest page, so a quiet hour costs one small request. */
  static final int PAGE_SIZE = 100;

  /** Registers a model the rules let through; answers the model id it is registered under. */
  @FunctionalInterface
  public interface Registrar {
    String register(ListedModel model);
  }

  /** Where decisions go (the {@code hub-decisions} topic), keyed by {@link WatchState#key}. */
  @FunctionalInterface
  public interface DecisionSink {
    void record(String key, HubDecision decision);
  }

  /** Reads a model's {@code model_type} at a commit (config.json). */
  @FunctionalInterface
  public interface ModelTypes {
    Optional<String> of(String repo, String commit);
  }

  /** What one look did. */
  public record Poll(List<HubDecision> decisions, int waiting) {
  }

  private final ModelListing listing;
  private final ModelTypes modelTypes;
  private final WatchRules rules;
  private final RuleCheck check;
  private final WatchState state;
  private final Registrar registrar;
  private final DecisionSink sink;
  private final Clock clock;

  public HubWatcher(ModelListing listing, ModelTypes modelTypes, WatchRules rules, boolean tokenSet, WatchState state,
      Registrar registrar, DecisionSink sink, Clock clock) {
    this.listing = listing;
    this.modelTypes = modelTypes;
    this.rules = rules;
    this.check = new RuleCheck(rules, tokenSet);
    this.state = state;
    this.registrar = registrar;
    this.sink = sink;
    this.clock = clock;
  }

  /** Lists, decides and registers what is new since the last look. */
  public Poll poll() {
    List<ListedModel> fresh = undecided();
    List<HubDecision> decisions = new ArrayList<>();
    for (int i = 0; i < fresh.size(); i++) {
      ListedModel model = fresh.get(i);
      Verdict verdict = check.check(model, () -> modelType(model));
      if (verdict.register() && state.registeredWithinHourOf(clock.instant()) >= rules.modelsPerHour()) {
        return new Poll(decisions, fresh.size() - i);
      }
      Optional<String> modelId = verdict.register() ? Optional.of(registrar.register(model)) : Optional.empty();
      HubDecision decision = HubDecision.newBuilder().setRepo(model.id()).setCommit(model.commit())
          .setDecision(verdict.register() ? HubDecisionKind.REGISTERED : HubDecisionKind.SKIPPED)
          .setRule(verdict.rule()).setReason(verdict.reason()).setModelId(modelId.orElse(null))
          .setCorpusId(modelId.map(id -> rules.corpus()).orElse(null))
          .setLastModifiedMs(model.lastModified().toEpochMilli()).setDecidedAtMs(clock.millis()).build();
      sink.record(WatchState.key(model.id(), model.commit()), decision);
      state.add(decision);
      decisions.add(decision);
    }
    return new Poll(decisions, 0);
  }

  private Optional<String> modelType(ListedModel model) {
    try {
      return modelTypes.of(model.id(), model.commit());
    } catch (HubException e) {
      return Optional.empty();
    }
  }

  /** Every listed model at a commit not decided yet, pushed at or after the position, oldest push first. */
  private List<ListedModel> undecided() {
    Optional<Instant> from = later(state.position(), rules.since());
    Map<String, ListedModel> found = new LinkedHashMap<>();
    for (ListingQuery query : queries()) {
      ListingPage page = listing.first(query);
      while (true) {
        boolean older = false;
        for (ListedModel model : page.models()) {
          if (from.isPresent() && model.lastModified().isBefore(from.get())) {
            older = true;
            break;
          }
          if (!state.decided(model.id(), model.commit())) {
            found.putIfAbsent(WatchState.key(model.id(), model.commit()), model);
          }
        }
        if (older || page.next().isEmpty()) {
          break;
        }
        page = listing.page(page.next().get());
      }
    }
    return found.values().stream().sorted(Comparator.comparing(ListedModel::lastModified)
        .thenComparing(ListedModel::id)).toList();
  }

  private List<ListingQuery> queries() {
    if (rules.organizations().isEmpty()) {
      return List.of(query(Optional.empty()));
    }
    return rules.organizations().stream().map(o -> query(Optional.of(o))).toList();
  }

  private ListingQuery query(Optional<String> author) {
    return new ListingQuery(Optional.of(rules.pipelineTag()), author, Optional.empty(),
        ListingQuery.Sort.LAST_MODIFIED, PAGE_SIZE);
  }

  private static Optional<Instant> later(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() || a.get().isAfter(b.get()) ? a : b;
  }
}
