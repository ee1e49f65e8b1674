/** The {@code modelmap} command line: one subcommand per task, options shared through mixins. */
package io.modelmap.cli;
