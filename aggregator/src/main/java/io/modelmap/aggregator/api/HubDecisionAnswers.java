package io.modelmap.aggregator.api;

import io.modelmap.aggregator.api.body.HubDecisionBody;
import io.modelmap.schemas.avro.HubDecision;
import io.modelmap.schemas.avro.HubDecisionKind;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What the Hub watcher decided, from the view of {@code hub-decisions}: the latest decisions first. A watcher's
 * first-start record ({@code STARTED}, no model) is its own bookkeeping, not a decision: left out.
 */
final class HubDecisionAnswers {
  private final ViewReader views;

  HubDecisionAnswers(ViewReader views) {
    this.views = views;
  }

  /** The {@code max} latest decisions, newest first (ties by repository and commit). */
  List<HubDecisionBody> latest(int max) {
    return views.all(Views.HUB_DECISIONS).stream().filter(d -> d.getDecision() != HubDecisionKind.STARTED)
        .sorted(Comparator.comparingLong(HubDecision::getDecidedAtMs).reversed()
            .thenComparing(HubDecision::getRepo).thenComparing(HubDecision::getCommit))
        .limit(max)
        .map(d -> new HubDecisionBody(d.getDecidedAtMs(), d.getRepo(), d.getCommit(),
            d.getDecision().name().toLowerCase(Locale.ROOT), d.getRule(), d.getReason(), d.getModelId()))
        .toList();
  }
}
