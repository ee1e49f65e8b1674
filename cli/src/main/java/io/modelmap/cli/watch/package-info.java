/**
 * The Hub watcher ({@code modelmap watch-hub}): a rules file ({@link io.modelmap.cli.watch.RulesFile},
 * {@link io.modelmap.cli.watch.WatchRules}) applied to each new model or commit of the Hub's listing
 * ({@link io.modelmap.cli.watch.RuleCheck}), each decided once ({@link io.modelmap.cli.watch.HubWatcher}, at most
 * {@link io.modelmap.cli.watch.LookLimit} listing pages a look) from a
 * state read back from the {@code hub-decisions} topic ({@link io.modelmap.cli.watch.WatchState}); a skipped model
 * registered by hand ({@link io.modelmap.cli.watch.DecisionReplay}). No Kafka client
 * here: the command gives the registrar and the decision sink. May touch the hub client and the schemas.
 */
package io.modelmap.cli.watch;
