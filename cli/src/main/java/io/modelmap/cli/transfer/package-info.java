/**
 * Moving the map in and out as CSV files that pandas reads directly ({@code import} and {@code export}):
 * reads and publishes on the topics here; the files themselves are read and written by
 * {@code io.modelmap.formats}.
 */
package io.modelmap.cli.transfer;
