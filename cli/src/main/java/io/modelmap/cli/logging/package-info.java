/** Log routing of the CLI: the terminal for what needs attention, a file under the data folder for the rest. */
package io.modelmap.cli.logging;
