/**
 * What every command package may use: option mixins ({@code *Option} for one option many commands take,
 * {@code *Options} for a group), {@link io.modelmap.cli.support.UsageError} for a command used wrongly,
 * {@link io.modelmap.cli.support.ErrorReporter} (every failure as one line and an exit code) and
 * {@link io.modelmap.cli.support.CliFactory} (gives {@link io.modelmap.cli.support.HubOptions} the environment).
 * The help texts are in {@code io/modelmap/cli/OptionDescriptions.properties}, named by command, not by class.
 * This package may touch the producer, formats, schemas, hub client, {@code runtime} and {@code logging}; it
 * uses no command package.
 */
package io.modelmap.cli.support;
