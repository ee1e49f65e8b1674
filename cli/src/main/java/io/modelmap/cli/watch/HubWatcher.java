package io.modelmap.cli.watch;

import io.modelmap.hub.HubException;
import io.modelmap.hub.ListedModel;
import io.modelmap.hub.ListingPage;
import io.modelmap.hub.ListingQuery;
import io.modelmap.hub.ModelListing;
import io.modelmap.schemas.avro.HubDecision;
import io.modelmap.schemas.avro.HubDecisionKind;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One look at the Hub: the listing, newest push first, read back to the stored position; every model at a commit
 * not yet decided is decided once, oldest first (so the position only moves over decided models), registered
 * through the {@link Registrar} when the rules pass, and its decision written to the {@link DecisionSink}
 * after the registration: a crash in between registers again at most, which the registrar answers idempotently.
 * At the rate limit the rest wait for a later look.
 *
 * <p>With no position stored yet (nothing decided), the listing is read back to the rules' {@code since}, or else
 * to the first start the state holds ({@link WatchState#recordStart}, stored before the first look), else to the
 * moment this watcher started: a first start decides what is pushed from then on, not the whole Hub, and a restart
 * before any decision still reads back to the first start, so models pushed in between are not skipped. A
 * look reads at most {@link LookLimit#pages()} pages; where it stops short of the position, the next look goes on
 * from the page it stopped at, and nothing is decided until the walk has reached the position: deciding the
 * newest pages first would move the position over the unread older ones, which a restart would then skip. What
 * a cut walk found is kept in memory; a restart reads again from the stored position. A {@code next} link
 * this look already followed is a protocol fault: the look stops there with {@link Poll#fault()} saying so.
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

  /**
   * What one look did.
   *
   * @param decisions the models decided, in the order decided
   * @param waiting how many found models wait for the rate limit
   * @param pagesLeft true when the look stopped at its page limit: the next look goes on from there
   * @param fault a protocol fault that stopped the look (a {@code next} link already followed), if any
   */
  public record Poll(List<HubDecision> decisions, int waiting, boolean pagesLeft, Optional<String> fault) {
  }

  /** Where a walk cut at the page limit goes on: the next page (empty: the first), and how far back it reads. */
  private record Resume(Optional<URI> next, Optional<Instant> from) {
  }

  /** What the listing walk of one look found. */
  private record Walk(List<ListedModel> models, boolean pagesLeft, Optional<String> fault) {
  }

  private final ModelListing listing;
  private final ModelTypes modelTypes;
  private final WatchRules rules;
  private final RuleCheck check;
  private final WatchState state;
  private final Registrar registrar;
  private final DecisionSink sink;
  private final Clock clock;
  private final LookLimit limit;
  private final Instant startedAt;
  private final Map<ListingQuery, Resume> resumes = new LinkedHashMap<>();
  /** What a walk cut by the page limit found so far, decided once the walk reaches the position. */
  private final Map<String, ListedModel> carried = new LinkedHashMap<>();

  /** A watcher reading at most {@link LookLimit#DEFAULT} pages a look. */
  public HubWatcher(ModelListing listing, ModelTypes modelTypes, WatchRules rules, boolean tokenSet, WatchState state,
      Registrar registrar, DecisionSink sink, Clock clock) {
    this(listing, modelTypes, rules, tokenSet, state, registrar, sink, clock, LookLimit.DEFAULT);
  }

  public HubWatcher(ModelListing listing, ModelTypes modelTypes, WatchRules rules, boolean tokenSet, WatchState state,
      Registrar registrar, DecisionSink sink, Clock clock, LookLimit limit) {
    this.listing = listing;
    this.modelTypes = modelTypes;
    this.rules = rules;
    this.check = new RuleCheck(rules, tokenSet);
    this.state = state;
    this.registrar = registrar;
    this.sink = sink;
    this.clock = clock;
    this.limit = limit;
    this.startedAt = clock.instant();
  }

  /** Lists, decides and registers what is new since the last look. */
  public Poll poll() {
    Walk walk = undecided();
    List<ListedModel> fresh = walk.models();
    List<HubDecision> decisions = new ArrayList<>();
    for (int i = 0; i < fresh.size(); i++) {
      ListedModel model = fresh.get(i);
      Verdict verdict = check.check(model, () -> modelType(model));
      if (verdict.register() && state.registeredWithinHourOf(clock.instant()) >= rules.modelsPerHour()) {
        return new Poll(decisions, fresh.size() - i, walk.pagesLeft(), walk.fault());
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
    return new Poll(decisions, 0, walk.pagesLeft(), walk.fault());
  }

  private Optional<String> modelType(ListedModel model) {
    try {
      return modelTypes.of(model.id(), model.commit());
    } catch (HubException e) {
      return Optional.empty();
    }
  }

  /**
   * Every listed model at a commit not decided yet, pushed at or after the position, oldest push first; at most
   * {@link LookLimit#pages()} pages read, a walk cut there resumed by the next look and nothing answered until it
   * is whole.
   */
  private Walk undecided() {
    Optional<Instant> from = rules.since().isPresent() ? later(state.position(), rules.since())
        : Optional.of(state.position().or(state::firstStart).orElse(startedAt));
    Map<String, ListedModel> found = new LinkedHashMap<>(carried);
    carried.clear();
    Set<URI> followed = new HashSet<>();
    int pages = 0;
    for (ListingQuery query : queries()) {
      Resume resume = resumes.remove(query);
      Optional<Instant> bound = resume == null ? from : resume.from();
      if (pages == limit.pages()) {
        resumes.put(query, resume == null ? new Resume(Optional.empty(), from) : resume);
        continue;
      }
      ListingPage page = resume == null || resume.next().isEmpty() ? listing.first(query)
          : listing.page(resume.next().get());
      pages++;
      while (true) {
        boolean older = false;
        for (ListedModel model : page.models()) {
          if (bound.isPresent() && model.lastModified().isBefore(bound.get())) {
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
        URI next = page.next().get();
        if (!followed.add(next)) {
          resumes.clear();
          return new Walk(oldestFirst(found), false, Optional.of("the Hub's listing named " + next + " as the next"
              + " page a second time in one look (a Link header that loops); this look stops there"));
        }
        if (pages == limit.pages()) {
          resumes.put(query, new Resume(Optional.of(next), bound));
          break;
        }
        page = listing.page(next);
        pages++;
      }
    }
    if (!resumes.isEmpty()) {
      carried.putAll(found);
      return new Walk(List.of(), true, Optional.empty());
    }
    return new Walk(oldestFirst(found), false, Optional.empty());
  }

  private static List<ListedModel> oldestFirst(Map<String, ListedModel> found) {
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
