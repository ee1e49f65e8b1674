/**
 * The {@code modelmap} command line. {@link io.modelmap.cli.ModelMapCli} lists every subcommand; the first
 * commands a newcomer runs live here beside it ({@code demo}: {@link io.modelmap.cli.DemoCommand}, and for
 * {@code demo --watch} {@link io.modelmap.cli.HubWatchDemo}; {@code map}:
 * {@link io.modelmap.cli.MapCommand}, with what only they share, {@link io.modelmap.cli.LocalRunOptions}). The
 * other commands are grouped by audience: {@code operations} (services and the cluster), {@code data} (corpora,
 * imports, exports), {@code evaluation} (checks of the map and of predictions), {@code models} (checkpoint
 * tools), {@code bench} (measurements). What commands share sits below them: {@code support} (option mixins, the
 * one-line error reporting), {@code hub} (where models come from), {@code runtime}, {@code transfer} and
 * {@code logging}. Only this root package may use the audience packages; nothing uses the root (the ArchUnit
 * {@code PackageCyclesTest} holds the graph acyclic).
 *
 * <p>Commands parse options, call the libraries (producer, aggregator, eval, formats, scorer) and print;
 * {@link io.modelmap.cli.support.ErrorReporter} turns every failure into one line and an exit code.
 *
 * <p>{@code --seed} and {@code --corpus-id} stay declared per command on purpose: each seeds or names a different
 * thing with its own default or requiredness (the sample at 0, the training at 1; a corpus to publish is required,
 * one to export optional, an import's defaults to {@code imported}), so one shared declaration would change a
 * command's behaviour.
 */
package io.modelmap.cli;
