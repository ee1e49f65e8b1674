/**
 * The {@code modelmap} command line: one subcommand per task, options shared through mixins ({@code *Option},
 * {@code *Options}). Commands parse options, call the libraries (producer, aggregator, eval, formats, scorer) and
 * print; {@link io.modelmap.cli.ErrorReporter} turns every failure into one line and an exit code.
 *
 * <p>{@code --seed} and {@code --corpus-id} stay declared per command on purpose: each seeds or names a different
 * thing with its own default or requiredness (the sample at 0, the training at 1; a corpus to publish is required,
 * one to export optional, an import's defaults to {@code imported}), so one shared declaration would change a
 * command's behaviour.
 */
package io.modelmap.cli;
