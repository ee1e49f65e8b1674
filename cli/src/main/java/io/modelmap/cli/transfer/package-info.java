/** Moving the map in and out as CSV files that pandas reads directly: {@code import} and {@code export}. */
package io.modelmap.cli.transfer;
