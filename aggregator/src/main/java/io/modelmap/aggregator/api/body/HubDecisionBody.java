package io.modelmap.aggregator.api.body;

/**
 * One decision of the Hub watcher ({@code hub-decisions}): a model at a commit registered on the map or skipped,
 * the rule that decided and why; {@code modelId} only when registered.
 */
public record HubDecisionBody(long decidedAtMs, String repo, String commit, String decision, String rule,
    String reason, String modelId) {}
