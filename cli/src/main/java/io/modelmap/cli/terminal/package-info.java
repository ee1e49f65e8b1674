/**
 * What a person reads in the terminal, shared by every command: {@link io.modelmap.cli.terminal.TextTable}
 * (aligned columns, long ids cut in the middle), {@link io.modelmap.cli.terminal.Plural} ("1 model",
 * "2 models"), {@link io.modelmap.cli.terminal.ProgressLine} (one redrawn line on a terminal, sparse lines in
 * a log) and {@link io.modelmap.cli.terminal.SmoothedRate} (time left from a smoothed rate, or "stalled").
 * Uses no other CLI package.
 */
package io.modelmap.cli.terminal;
